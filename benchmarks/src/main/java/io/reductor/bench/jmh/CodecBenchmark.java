package io.reductor.bench.jmh;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reductor.bench.scenarios.BenchDocuments;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.pipeline.PipelineRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cost of Reductor's JSON codec.
 *
 * <ul>
 *   <li>{@code decode*}: one ~20 MB {@code ParseResponse} (inline {@code full} result: chunks, blocks, bounding boxes,
 *       OCR words and lines), generated deterministically, decoded into Reductor's records with
 *       {@link JsonCodec#standard()}, against a plain Jackson {@code ObjectMapper.readTree} and a plain Jackson binding
 *       into {@code Map} of the same bytes: the floor any Java client built on Jackson pays.</li>
 *   <li>{@code decodeJobResponse*}: the body of one completed pipeline job as the ingest benchmark's clients receive it
 *       from the simulator (about 11.5 KB), into records and into a plain Jackson tree: the decoding cost per job.</li>
 *   <li>{@code encode*}: a richly populated {@code ParseRequest} and {@code PipelineRequest} written to bytes.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CodecBenchmark {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** Pages in the generated document; 128 pages give ~20 MB of JSON. */
    static final int PAGES = 128;

    private final JsonCodec codec = JsonCodec.standard();
    private final ObjectMapper plain = new ObjectMapper();

    byte[] parseResponseJson;
    byte[] pipelineJobJson;
    ParseRequest parseRequest;
    PipelineRequest pipelineRequest;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        parseResponseJson = codec.encode(CodecPayloads.parseResponse(PAGES, 42L));
        pipelineJobJson = BenchDocuments.completedPipelineJob();
        parseRequest = CodecPayloads.parseRequest();
        pipelineRequest = CodecPayloads.pipelineRequest();
        codec.prepare(ParseResponse.class, JobResponse.class, ParseRequest.class, PipelineRequest.class);
        // Sanity: the records path must bind the inline result, not fall back to an opaque Unknown node.
        if (!(decodeReductorRecords().result() instanceof FullResult full) || full.chunks().size() != PAGES * 3
                || full.ocr().words().size() != PAGES * 45 * 9) {
            throw new IllegalStateException("ParseResponse did not decode into FullResult with every chunk and word");
        }
        if (!(decodeJobResponseRecords().result() instanceof JobResult.Pipeline pipeline)
                || pipeline.response().result() == null) {
            throw new IllegalStateException("the pipeline job did not decode into a pipeline result");
        }
        System.out.printf("%nParseResponse JSON: %,d bytes (%d pages); pipeline job %,d bytes; ParseRequest %,d bytes;"
                        + " PipelineRequest %,d bytes%n", parseResponseJson.length, PAGES, pipelineJobJson.length,
                codec.encode(parseRequest).length, codec.encode(pipelineRequest).length);
    }

    @Benchmark
    public ParseResponse decodeReductorRecords() {
        return codec.decode(parseResponseJson, ParseResponse.class);
    }

    @Benchmark
    public JsonNode decodeJacksonTree() throws Exception {
        return plain.readTree(parseResponseJson);
    }

    @Benchmark
    public Map<String, Object> decodeJacksonMap() throws Exception {
        return plain.readValue(parseResponseJson, MAP);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public JobResponse decodeJobResponseRecords() {
        return codec.decode(pipelineJobJson, JobResponse.class);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public JsonNode decodeJobResponseTree() throws Exception {
        return plain.readTree(pipelineJobJson);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] encodeParseRequest() {
        return codec.encode(parseRequest);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] encodePipelineRequest() {
        return codec.encode(pipelineRequest);
    }
}
