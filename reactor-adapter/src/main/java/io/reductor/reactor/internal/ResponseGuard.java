package io.reductor.reactor.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import reactor.netty.NettyPipeline;

/**
 * Keeps an HTTP/1.1 connection that a server has desynchronised out of the pool. A pooled connection is only as good
 * as the framing of the last response it carried: bytes beyond a {@code Content-Length} that lied, or bytes that arrive
 * when no request is outstanding, would otherwise be read as the start of the next call's answer, on whatever call
 * happens to reuse the connection. The guard closes the connection instead, when:
 * <ul>
 *   <li>bytes are left over in the read that completed a response, or arrive while no request is outstanding;</li>
 *   <li>a response arrives that no request asked for;</li>
 *   <li>a response cannot be parsed as HTTP: that failure is also made a {@link DecoderException} (Netty reports some,
 *       such as a garbled status line, as a bare {@link IllegalArgumentException}), so the retry rules treat it as the
 *       protocol failure it is.</li>
 * </ul>
 * One guard per connection, installed around the HTTP/1.1 codec by {@link #install}; its two handlers run on the
 * connection's event loop and share its state without locks.
 */
final class ResponseGuard {

    private static final String RAW = "reductor.guard.raw";
    private static final String DECODED = "reductor.guard.decoded";
    private static final int MAX_DETAIL = 100;

    /**
     * The read being decoded, while the codec works on it, else {@code null}; held with a reference of the guard's
     * own, since the codec may release it (copying it into what it has gathered) and the pool may hand the same object
     * out again, as the next request's buffer, before the response it completes has been passed on.
     */
    private ByteBuf reading;
    /** Whether a request was written whose response has not begun. */
    private boolean awaiting;
    /** Whether the last response is complete and no request followed it. */
    private boolean idle;
    /** Whether the parts of a response no request asked for are arriving. */
    private boolean discarding;

    private ResponseGuard() {
    }

    /** Installs a guard around the HTTP/1.1 codec of {@code pipeline}, once; HTTP/2 connections are left alone. */
    static void install(ChannelPipeline pipeline) {
        if (pipeline.get(NettyPipeline.HttpCodec) == null || pipeline.get(RAW) != null) {
            return;
        }
        ResponseGuard guard = new ResponseGuard();
        pipeline.addBefore(NettyPipeline.HttpCodec, RAW, guard.new Raw());
        pipeline.addAfter(NettyPipeline.HttpCodec, DECODED, guard.new Decoded());
    }

    /** Sees the bytes before the codec does. */
    private final class Raw extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf bytes)) {
                ctx.fireChannelRead(msg);
                return;
            }
            if (idle && bytes.isReadable()) {
                bytes.release();
                ctx.close();
                return;
            }
            reading = bytes.retain();
            try {
                ctx.fireChannelRead(msg);
            } finally {
                reading = null;
                bytes.release();
            }
        }
    }

    /** Sees the requests and the decoded responses. */
    private final class Decoded extends ChannelDuplexHandler {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof HttpRequest) {
                awaiting = true;
                idle = false;
            }
            ctx.write(msg, promise);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
                Throwable cause = object.decoderResult().cause();
                if (!(cause instanceof DecoderException)) {
                    object.setDecoderResult(DecoderResult.failure(new DecoderException(
                            shortened(cause.getMessage()), cause)));
                }
                awaiting = false;
                ctx.fireChannelRead(msg);
                ctx.close();
                return;
            }
            if (msg instanceof HttpResponse response && response.status().code() >= 200) {
                discarding = !awaiting;
                awaiting = false;
            }
            if (discarding) {
                // a response no request asked for: dropped, with the connection it came on
                discarding = !(msg instanceof LastHttpContent);
                if (msg instanceof ByteBufHolder holder) {
                    holder.content().release();
                }
                ctx.close();
                return;
            }
            if (msg instanceof LastHttpContent && !awaiting) {
                // before passing it on: the pool may hand the connection to the next request within that call
                idle = true;
                // bytes read with the end of a response cannot answer a request written after they came; closed
                // first, so that the pool never hands the connection on (the response still completes)
                ByteBuf read = reading;
                if (read != null && read.isReadable()) {
                    ctx.close();
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    private static String shortened(String text) {
        if (text == null) {
            return "unreadable";
        }
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
    }
}
