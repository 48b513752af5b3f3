package io.reductor.reactor.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.logging.ByteBufFormat;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.logging.LoggingHandler;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Logs what goes over the wire at DEBUG, as text, with the API key replaced wherever it appears. Reactor Netty's own
 * wiretap prints the {@code Authorization} header verbatim, so Reductor switches it off and offers this one instead.
 * Each message shows at most {@value #MAX_LOGGED_BYTES} bytes.
 */
@ChannelHandler.Sharable
public final class RedactingWiretap extends LoggingHandler {

    /** The logger wire traffic is written to. */
    public static final String LOGGER = "io.reductor.wire";

    private static final int MAX_LOGGED_BYTES = 2048;

    private final ApiKey apiKey;

    /** Creates a wiretap that hides {@code apiKey}. */
    public RedactingWiretap(ApiKey apiKey) {
        super(LOGGER, LogLevel.DEBUG, ByteBufFormat.SIMPLE);
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    protected String format(ChannelHandlerContext context, String eventName, Object message) {
        ByteBuf buffer = message instanceof ByteBuf buf ? buf
                : message instanceof ByteBufHolder holder ? holder.content() : null;
        if (buffer == null) {
            return apiKey.redact(super.format(context, eventName, message));
        }
        int shown = Math.min(buffer.readableBytes(), MAX_LOGGED_BYTES);
        String text = buffer.toString(buffer.readerIndex(), shown, StandardCharsets.UTF_8);
        return apiKey.redact(context.channel() + " " + eventName + " " + buffer.readableBytes() + "B"
                + (shown < buffer.readableBytes() ? " (first " + shown + ")" : "") + "\n" + text);
    }
}
