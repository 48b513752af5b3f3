package io.reductor.reactor.internal;

import io.netty.buffer.ByteBuf;
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
     * A streamed body of known length, such as a multipart upload read from disk.
     *
     * @param content     creates the content for one attempt; called again for each retry
     * @param length      the exact number of bytes, sent as {@code Content-Length}
     * @param contentType the media type
     * @param repeatable  whether {@code content} can be called more than once (a caller's one-shot stream cannot)
     */
    record Stream(Supplier<Flux<ByteBuf>> content, long length, String contentType, boolean repeatable)
            implements RequestBody {
        /** Checks the arguments. */
        public Stream {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(contentType, "contentType");
            if (length < 0) {
                throw new IllegalArgumentException("length must not be negative but was " + length);
            }
        }
    }
}
