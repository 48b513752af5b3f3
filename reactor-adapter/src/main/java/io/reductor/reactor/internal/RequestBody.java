package io.reductor.reactor.internal;

import io.netty.buffer.ByteBuf;
import io.reductor.reactor.UploadProgress;
import reactor.core.publisher.Flux;

import java.util.Objects;
import java.util.function.Supplier;

/** What a {@link Call} sends. */
public sealed interface RequestBody {

    /** No body. */
    RequestBody NONE = new Empty();

    /**
     * No body.
     */
    record Empty() implements RequestBody {
    }

    /**
     * A body held in memory (encoded JSON).
     *
     * @param bytes       the bytes
     * @param contentType the media type
     */
    record Bytes(byte[] bytes, String contentType) implements RequestBody {
        /** Checks the arguments. */
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(contentType, "contentType");
        }
    }

    /**
     * A streamed body, such as a multipart upload read from disk: of known length, sent with {@code Content-Length},
     * or of {@link #UNKNOWN_LENGTH unknown length}, sent with {@code Transfer-Encoding: chunked}.
     *
     * @param content     creates the content for one attempt; called again for each retry
     * @param length      the exact number of bytes, sent as {@code Content-Length}, or {@link #UNKNOWN_LENGTH}
     * @param contentType the media type
     * @param repeatable  whether {@code content} can be called more than once (a caller's one-shot stream cannot)
     */
    record Stream(Supplier<Flux<ByteBuf>> content, long length, String contentType, boolean repeatable)
            implements RequestBody {

        /** The length of a body whose size is not known until it ends: it is sent chunked. */
        public static final long UNKNOWN_LENGTH = UploadProgress.UNKNOWN_LENGTH;

        /** Checks the arguments. */
        public Stream {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(contentType, "contentType");
            if (length < UNKNOWN_LENGTH) {
                throw new IllegalArgumentException("length must not be negative but was " + length);
            }
        }

        /** Whether the length is known, so the body goes out with {@code Content-Length}. */
        public boolean hasKnownLength() {
            return length != UNKNOWN_LENGTH;
        }
    }
}
