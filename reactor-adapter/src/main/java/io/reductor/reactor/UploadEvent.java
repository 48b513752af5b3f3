package io.reductor.reactor;

import io.reductor.core.model.upload.Upload;

import java.util.Objects;

/**
 * What {@link ReductoClient#uploadWithProgress(UploadSource)} emits: any number of {@link Progress} events, then
 * exactly one {@link Completed} as the last element, or an error instead.
 *
 * <pre>{@code
 * client.uploadWithProgress(UploadSource.of(path)).subscribe(event -> {
 *     if (event instanceof UploadEvent.Progress p) {
 *         bar.set(p.progress().fraction());
 *     } else if (event instanceof UploadEvent.Completed c) {
 *         useFileId(c.upload().fileId());
 *     }
 * });
 * }</pre>
 */
public sealed interface UploadEvent {

    /**
     * Some more of the document was handed to the connection. Within one upload, {@code bytesSent} never decreases:
     * when an attempt is retried, events pause until the new attempt passes the point reached before. A subscriber
     * that cannot keep up sees the latest progress and misses intermediate events; the upload is never slowed down by
     * it.
     *
     * @param progress bytes sent out of the document's length
     */
    record Progress(UploadProgress progress) implements UploadEvent {
        /**
         * Checks the argument.
         *
         * @param progress how far the upload has got; not {@code null}
         */
        public Progress {
            Objects.requireNonNull(progress, "progress");
        }
    }

    /**
     * The service stored the document; the last event of an upload.
     *
     * @param upload the service's answer; {@link Upload#fileId()} is the {@code reducto://} reference to use as a
     *               document input
     */
    record Completed(Upload upload) implements UploadEvent {
        /**
         * Checks the argument.
         *
         * @param upload the service's answer; not {@code null}
         */
        public Completed {
            Objects.requireNonNull(upload, "upload");
        }
    }
}
