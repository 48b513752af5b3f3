package io.reductor.reactor.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import reactor.netty.NettyPipeline;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard on an HTTP/1.1 connection, driven on an {@link EmbeddedChannel}. */
class ResponseGuardTest {

    private static final String BODY =
            "{\"status\":\"Completed\",\"result\":{\"padding\":\"" + "x".repeat(2000) + "\"}}";
    private static final String HEAD = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
            + BODY.length() + "\r\n\r\n";
    private static final byte[] NEXT_REQUEST = "GET /job/j2 HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * A response whose headers are split over two reads: the codec copies the second read into the first and
     * releases it, and the next request, written while the end of the response is passed on, may get that very
     * object back from the pool. The guard must not take the next request's bytes for bytes left over after the
     * response (it did, under load, and closed connections that a job-creating call was about to use).
     */
    @Test
    void aReadTheCodecReleasedAndThePoolReusedIsNotTakenForBytesLeftOver() {
        PooledObject second = new PooledObject(HEAD.substring(20) + BODY);
        EmbeddedChannel channel = guardedChannel(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                boolean last = msg instanceof LastHttpContent;
                ReferenceCountUtil.release(msg);
                if (last && second.refCnt() == 0) {
                    // what a pool does with a buffer no one holds any more: hands it out for the next request
                    second.reuseFor(NEXT_REQUEST);
                }
            }
        });
        channel.writeOutbound(request());
        channel.releaseOutbound();

        channel.writeInbound(Unpooled.copiedBuffer(HEAD.substring(0, 20), StandardCharsets.US_ASCII));
        channel.writeInbound(second);

        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void bytesBeyondTheEndOfAResponseCloseTheConnection() {
        EmbeddedChannel channel = guardedChannel(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
            }
        });
        channel.writeOutbound(request());
        channel.releaseOutbound();

        channel.writeInbound(Unpooled.copiedBuffer(HEAD + BODY + "HTTP/1.1 200 OK\r\n", StandardCharsets.US_ASCII));

        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    private static EmbeddedChannel guardedChannel(ChannelInboundHandlerAdapter application) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpClientCodec());
        ResponseGuard.install(channel.pipeline());
        channel.pipeline().addLast(application);
        return channel;
    }

    private static DefaultFullHttpRequest request() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/job/j1");
    }

    /** A buffer that, like a pooled one, keeps its object when released, so that it can be handed out again. */
    private static final class PooledObject extends UnpooledHeapByteBuf {
        PooledObject(String text) {
            super(ByteBufAllocator.DEFAULT, 4096, Integer.MAX_VALUE);
            writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        }

        void reuseFor(byte[] bytes) {
            setRefCnt(1);
            clear().writeBytes(bytes);
        }

        @Override
        protected void deallocate() {
            // kept for reuse
        }
    }
}
