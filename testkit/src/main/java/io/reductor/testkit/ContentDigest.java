package io.reductor.testkit;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Counts and hashes (SHA-256) content as it streams through, without keeping it: each range of a Netty buffer is
 * digested through its NIO views, so no byte is copied into the heap one at a time. Not thread-safe; one per request.
 */
final class ContentDigest {

    private final MessageDigest sha256 = UploadReceipt.newDigest();
    private long bytes;

    /** Adds {@code length} bytes of {@code buffer} from {@code index}, leaving its indexes alone. */
    void update(ByteBuf buffer, int index, int length) {
        if (length <= 0) {
            return;
        }
        if (buffer.nioBufferCount() == 1) {
            sha256.update(buffer.nioBuffer(index, length));
        } else {
            for (ByteBuffer part : buffer.nioBuffers(index, length)) {
                sha256.update(part);
            }
        }
        bytes += length;
    }

    /** Adds the readable bytes of {@code buffer}, leaving its indexes alone. */
    void update(ByteBuf buffer) {
        update(buffer, buffer.readerIndex(), buffer.readableBytes());
    }

    /** Adds {@code length} bytes of {@code array} from {@code offset}. */
    void update(byte[] array, int offset, int length) {
        if (length <= 0) {
            return;
        }
        sha256.update(array, offset, length);
        bytes += length;
    }

    /** What was added: its size and SHA-256. Call once, at the end. */
    UploadReceipt receipt() {
        return new UploadReceipt(bytes, HexFormat.of().formatHex(sha256.digest()));
    }
}
