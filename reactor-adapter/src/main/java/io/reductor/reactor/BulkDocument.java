package io.reductor.reactor;

import io.reductor.core.model.common.DocumentInput;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One document of a bulk submission: the caller's own key for it, and where it is, either already reachable by the
 * service (a URL, an uploaded file id, a {@code jobid://} reference) or local and to be uploaded first.
 *
 * @param key    the caller's key, carried by every event about this document
 * @param remote the document when the service can reach it, else {@code null}
 * @param local  the bytes to upload first, else {@code null}
 * @param <K>    the type of the key
 */
public record BulkDocument<K>(K key, DocumentInput remote, UploadSource local) {

    /**
     * Checks that exactly one of {@code remote} and {@code local} is given.
     *
     * @param key    the caller's key; not {@code null}
     * @param remote the document the service can reach, or {@code null} when {@code local} is given
     * @param local  the document to upload, or {@code null} when {@code remote} is given
     * @throws IllegalArgumentException when both or neither of {@code remote} and {@code local} are given
     */
    public BulkDocument {
        Objects.requireNonNull(key, "key");
        if ((remote == null) == (local == null)) {
            throw new IllegalArgumentException("A bulk document is either remote or local: give exactly one");
        }
    }

    /**
     * A document the service can reach already.
     *
     * @param <K>   the type of the key
     * @param key   the caller's key; not {@code null}
     * @param input a URL, an uploaded file's {@code reducto://} id or a {@code jobid://} reference; not {@code null}
     * @return a document submitted without an upload
     */
    public static <K> BulkDocument<K> remote(K key, DocumentInput input) {
        return new BulkDocument<>(key, Objects.requireNonNull(input, "input"), null);
    }

    /**
     * A local document, uploaded before its job is submitted.
     *
     * @param <K>    the type of the key
     * @param key    the caller's key; not {@code null}
     * @param source the bytes to upload; not {@code null}
     * @return a document whose upload precedes its job
     */
    public static <K> BulkDocument<K> local(K key, UploadSource source) {
        return new BulkDocument<>(key, null, Objects.requireNonNull(source, "source"));
    }

    /**
     * A local file, uploaded (streamed from disk) before its job is submitted.
     *
     * @param <K>  the type of the key
     * @param key  the caller's key; not {@code null}
     * @param file a readable regular file
     * @return a document whose file is uploaded before its job is submitted
     */
    public static <K> BulkDocument<K> file(K key, Path file) {
        return local(key, UploadSource.of(file));
    }
}
