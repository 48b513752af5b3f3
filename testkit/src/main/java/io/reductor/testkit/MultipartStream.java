package io.reductor.testkit;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@code multipart/form-data} body read as it arrives, chunk by chunk, keeping none of it: the content of the first
 * part named {@code file} is counted and hashed ({@link ContentDigest}), every other byte is skipped. Only part headers
 * are held, up to {@value #MAX_HEADER_BYTES} bytes per part.
 *
 * <p>The body is read as if it began with CRLF, so that every delimiter, the first included, is
 * {@code CRLF "--" boundary}. A delimiter split across chunks is carried over as the length of its matched prefix:
 * since CR occurs in the delimiter only at its start (RFC 2046 boundaries have no CR), a prefix that stops matching
 * is content, and the next possible delimiter starts at the next CR. Content is found with
 * {@link ByteBuf#indexOf(int, int, byte)} and digested in ranges, not byte by byte.
 *
 * <p>Not thread-safe; one per request. Fails with {@link IllegalArgumentException} when the body is not well formed.
 */
final class MultipartStream {

    /** The longest header block of one part. */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    private enum State { CONTENT, HEADERS, DONE }

    private final byte[] delimiter;
    private byte[] headers = new byte[256];
    private int headerSize;
    private State state = State.CONTENT;
    private int matched = 2; // the virtual CRLF before the body
    private boolean sawDelimiter;
    private boolean inFile;
    private ContentDigest file;
    private String fileName;

    /** A reader of a body with this boundary. */
    MultipartStream(String boundary) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads the readable bytes of {@code chunk}, leaving its indexes alone; the caller still owns (and releases) it. */
    void accept(ByteBuf chunk) {
        int position = chunk.readerIndex();
        int end = chunk.writerIndex();
        while (position < end && state != State.DONE) {
            position = state == State.CONTENT ? content(chunk, position, end) : headers(chunk, position, end);
        }
    }

    /**
     * Ends the body.
     *
     * @return the file part's receipt, or {@code null} when the form has no part named {@code file}
     * @throws IllegalArgumentException if the body ended before its closing delimiter
     */
    UploadReceipt finish() {
        if (!sawDelimiter) {
            throw new IllegalArgumentException("the body has no multipart boundary");
        }
        if (state != State.DONE) {
            throw new IllegalArgumentException("the multipart body ended before its closing boundary");
        }
        return file == null ? null : file.receipt();
    }

    /** The file part's {@code filename}, or {@code null}. */
    String fileName() {
        return fileName;
    }

    private int content(ByteBuf chunk, int position, int end) {
        if (matched > 0) {
            int wanted = delimiter.length - matched;
            int available = end - position;
            int equal = 0;
            while (equal < wanted && equal < available && chunk.getByte(position + equal) == delimiter[matched + equal]) {
                equal++;
            }
            if (equal == wanted) {
                matched = 0;
                delimiterFound();
                return position + equal;
            }
            if (equal == available) {
                matched += equal;
                return end;
            }
            // not a delimiter after all: the carried-over prefix was content
            if (inFile) {
                file.update(delimiter, 0, matched);
            }
            matched = 0;
        }
        int from = position;
        while (true) {
            int cr = chunk.indexOf(from, end, (byte) '\r');
            if (cr < 0) {
                emit(chunk, position, end - position);
                return end;
            }
            int available = end - cr;
            int limit = Math.min(available, delimiter.length);
            int equal = 1;
            while (equal < limit && chunk.getByte(cr + equal) == delimiter[equal]) {
                equal++;
            }
            if (equal == delimiter.length) {
                emit(chunk, position, cr - position);
                delimiterFound();
                return cr + delimiter.length;
            }
            if (equal == available) {
                emit(chunk, position, cr - position);
                matched = equal;
                return end;
            }
            from = cr + 1;
        }
    }

    private void emit(ByteBuf chunk, int index, int length) {
        if (inFile) {
            file.update(chunk, index, length);
        }
    }

    private void delimiterFound() {
        sawDelimiter = true;
        inFile = false;
        headerSize = 0;
        state = State.HEADERS;
    }

    /** After a delimiter: {@code --} closes the body, else a header block up to an empty line opens a part. */
    private int headers(ByteBuf chunk, int position, int end) {
        while (position < end) {
            if (headerSize == MAX_HEADER_BYTES) {
                throw new IllegalArgumentException("a multipart part's headers are longer than " + MAX_HEADER_BYTES
                        + " bytes");
            }
            if (headerSize == headers.length) {
                headers = Arrays.copyOf(headers, Math.min(MAX_HEADER_BYTES, headers.length * 2));
            }
            headers[headerSize++] = chunk.getByte(position++);
            int size = headerSize;
            if (size == 2 && headers[0] == '-' && headers[1] == '-') {
                state = State.DONE;
                return end;
            }
            if (size >= 4 && endsWithEmptyLine()) {
                openPart(new String(headers, 0, size, StandardCharsets.UTF_8));
                state = State.CONTENT;
                return position;
            }
        }
        return end;
    }

    private boolean endsWithEmptyLine() {
        int n = headerSize;
        return headers[n - 4] == '\r' && headers[n - 3] == '\n' && headers[n - 2] == '\r' && headers[n - 1] == '\n';
    }

    private void openPart(String headerBlock) {
        MultipartForm.Disposition disposition = MultipartForm.disposition(headerBlock.strip());
        if (file == null && "file".equals(disposition.name())) {
            file = new ContentDigest();
            fileName = disposition.fileName();
            inFile = true;
        }
    }
}
