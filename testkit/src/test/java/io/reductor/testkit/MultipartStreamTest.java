package io.reductor.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming multipart reader: only the file part's content is hashed, however the body is cut into chunks. */
class MultipartStreamTest {

    private static final String BOUNDARY = "b0und-ary";

    /** File content full of near-delimiters: CRs, CRLFs, "--", and a boundary that misses by one byte. */
    private static byte[] trickyContent() {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes("\r\r\n\r\n-\r\n--\r\n--b0und-ar\r\n--b0und-arX--b0und-ary".getBytes(StandardCharsets.ISO_8859_1));
        byte[] random = new byte[5000];
        new Random(7).nextBytes(random);
        content.writeBytes(random);
        content.writeBytes("\r\n--b0und-ar".getBytes(StandardCharsets.ISO_8859_1));
        return content.toByteArray();
    }

    private static byte[] form(byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("preamble to ignore\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\n"
                + "not the file\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"report.pdf\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"second.pdf\"\r\n\r\n"
                + "a second file part is ignored\r\n--" + BOUNDARY + "--\r\nepilogue").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static MultipartStream read(byte[] body, int chunkSize) {
        MultipartStream stream = new MultipartStream(BOUNDARY);
        for (int at = 0; at < body.length; at += chunkSize) {
            ByteBuf chunk = Unpooled.wrappedBuffer(body, at, Math.min(chunkSize, body.length - at));
            stream.accept(chunk);
            assertThat(chunk.readerIndex()).isZero();
        }
        return stream;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 13, 14, 64, 4096, Integer.MAX_VALUE})
    void onlyTheFirstFilePartIsCountedAndHashedWhateverTheChunkSize(int chunkSize) {
        byte[] content = trickyContent();

        MultipartStream stream = read(form(content), chunkSize);

        assertThat(stream.finish()).isEqualTo(UploadReceipt.of(content));
        assertThat(stream.fileName()).isEqualTo("report.pdf");
    }

    @Test
    void compositeBuffersAreDigestedThroughAllTheirComponents() {
        byte[] content = trickyContent();
        byte[] body = form(content);
        CompositeByteBuf composite = Unpooled.compositeBuffer();
        for (int at = 0; at < body.length; at += 1000) {
            composite.addComponent(true, Unpooled.wrappedBuffer(body, at, Math.min(1000, body.length - at)));
        }
        MultipartStream stream = new MultipartStream(BOUNDARY);

        stream.accept(composite);

        assertThat(stream.finish()).isEqualTo(UploadReceipt.of(content));
        composite.release();
    }

    @Test
    void emptyFileAndFormWithoutFileAreTold() {
        MultipartStream empty = read(form(new byte[0]), 3);
        MultipartStream noFile = read(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8), 1);

        assertThat(empty.finish()).isEqualTo(new UploadReceipt(0,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        assertThat(noFile.finish()).isNull();
        assertThat(noFile.fileName()).isNull();
    }

    @Test
    void malformedBodiesAreRefusedWithTheReason() {
        byte[] body = form(trickyContent());
        byte[] truncated = java.util.Arrays.copyOf(body, body.length - 20);
        MultipartStream cut = read(truncated, 100);
        MultipartStream none = read("no boundary here".getBytes(StandardCharsets.UTF_8), 4);
        MultipartStream endless = new MultipartStream(BOUNDARY);
        byte[] hugeHeaders = ("--" + BOUNDARY + "\r\nX: " + "y".repeat(MultipartStream.MAX_HEADER_BYTES))
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(cut::finish).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the multipart body ended before its closing boundary");
        assertThatThrownBy(none::finish).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the body has no multipart boundary");
        assertThatThrownBy(() -> endless.accept(Unpooled.wrappedBuffer(hugeHeaders)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("headers are longer than");
    }
}
