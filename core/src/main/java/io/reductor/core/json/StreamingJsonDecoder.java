package io.reductor.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.reductor.core.error.ReductoDecodeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Decodes one UTF-8 JSON document that arrives in pieces, such as a large HTTP body, without ever holding its raw
 * bytes: each piece is run through Jackson's non-blocking parser as soon as it is {@linkplain #feed fed}, its tokens
 * are copied into a compact token buffer, and {@link #finish()} binds them to the target type with the
 * {@link JsonCodec}'s configuration (unknown fields kept, open enums, the same error reporting as
 * {@link JsonCodec#decode(byte[], Class)}).
 *
 * <p>It lives in core because it needs no reactive library: callers feed {@code byte[]} slices from whatever delivers
 * them (the Reactor adapter feeds Netty buffers). Malformed, truncated, empty or concatenated documents fail with a
 * {@link ReductoDecodeException} naming the target type. Limits on the body size are the caller's business (see
 * {@link #bytesFed()}).
 *
 * <p>Not thread-safe and single-use: create one per document with {@link JsonCodec#streamingDecoder(Class)} and feed
 * it from one thread at a time (a Reactor pipeline's serialized signals qualify). A fed array is fully consumed before
 * {@code feed} returns, so the caller may reuse it afterwards.
 *
 * @param <T> the type the document is decoded into
 */
public final class StreamingJsonDecoder<T> {

    private final JsonCodec codec;
    private final Class<T> type;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final TokenBuffer tokens;
    private long bytesFed;
    private int depth;
    private boolean rootComplete;
    private boolean finished;

    StreamingJsonDecoder(JsonCodec codec, Class<T> type, JsonParser parser) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.type = Objects.requireNonNull(type, "type");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        this.tokens = new TokenBuffer(parser);
    }

    /**
     * Parses the next piece of the document.
     *
     * @param bytes  holds the piece; not kept after this method returns
     * @param offset where the piece starts in {@code bytes}
     * @param length how many bytes the piece has
     * @throws ReductoDecodeException when the bytes so far are not valid JSON, or follow a complete document
     * @throws IllegalStateException  after {@link #finish()}
     */
    public void feed(byte[] bytes, int offset, int length) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (finished) {
            throw new IllegalStateException("The decoder of " + type.getSimpleName() + " has already finished");
        }
        if (length == 0) {
            return;
        }
        try {
            feeder.feedInput(bytes, offset, offset + length);
            bytesFed += length;
            drain();
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a whole array as the next piece; see {@link #feed(byte[], int, int)}. */
    public void feed(byte[] bytes) {
        feed(bytes, 0, Objects.requireNonNull(bytes, "bytes").length);
    }

    /** How many bytes have been fed so far. */
    public long bytesFed() {
        return bytesFed;
    }

    /**
     * Ends the input and binds the document to the target type.
     *
     * @throws ReductoDecodeException when the document is empty, truncated, not valid JSON, or does not fit the type
     * @throws IllegalStateException  when called twice
     */
    public T finish() {
        if (finished) {
            throw new IllegalStateException("The decoder of " + type.getSimpleName() + " has already finished");
        }
        finished = true;
        try {
            feeder.endOfInput();
            drain();
        } catch (JsonEOFException e) {
            throw truncated(e);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!rootComplete) {
            if (tokens.firstToken() == null) {
                throw new ReductoDecodeException(type, "$", "the document is empty", null);
            }
            throw truncated(null);
        }
        return codec.decode(tokens, parser, type);
    }

    private void drain() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            if (rootComplete) {
                throw new ReductoDecodeException(type, "$",
                        "not valid JSON: more content after the end of the document", null);
            }
            tokens.copyCurrentEvent(parser);
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
            if (depth == 0 && token != JsonToken.FIELD_NAME) {
                rootComplete = true;
            }
        }
    }

    private ReductoDecodeException truncated(JsonEOFException e) {
        return new ReductoDecodeException(type, path(parser.getParsingContext()), "the document is truncated: it ends"
                + " after " + bytesFed + " bytes, inside " + Math.max(depth, 1) + " unclosed value(s)", e);
    }

    private ReductoDecodeException invalid(JsonProcessingException e) {
        return new ReductoDecodeException(type, path(parser.getParsingContext()),
                "not valid JSON: " + e.getOriginalMessage(), e);
    }

    /** The JSON path of the parser's position, such as {@code $.chunks[3].blocks}. */
    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                parts.push("[" + Math.max(at.getCurrentIndex(), 0) + "]");
            } else if (at.getCurrentName() != null) {
                parts.push("." + at.getCurrentName());
            }
        }
        return "$" + String.join("", parts);
    }
}
