package io.reductor.reactor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.reductor.core.error.ReductoException;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.json.Nullable;
import io.reductor.core.json.RawJson;
import io.reductor.core.model.classify.ClassifyRequest;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.edit.EditRequest;
import io.reductor.core.model.extract.ExtractRequest;
import io.reductor.core.model.job.ListJobsRequest;
import io.reductor.core.model.job.RunResult;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.split.SplitCategory;
import io.reductor.core.model.split.SplitRequest;
import io.reductor.core.spec.SpecResponseGenerator;
import io.reductor.reactor.internal.Call;
import io.reductor.reactor.internal.HttpExchange;
import io.reductor.spec.SpecValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every 200 answer the official spec allows decodes through the client's own calls: for each endpoint with a JSON
 * answer, {@value #DOCUMENTS} random documents valid under the endpoint's response schema in {@code openapi.json}
 * (built by {@link SpecResponseGenerator} from fixed seeds, each checked against the spec first) are answered to the
 * real client through its {@link HttpExchange} seam, so the decoding is the one a caller gets.
 *
 * <p>Beyond "did not fail", each value must hold what the document said: encoded back, it equals the document (up to
 * explicit nulls of object fields and how numbers are written); no union fell back to its {@code Unknown} variant; no
 * record keeps a field the spec defines among its unknown fields (the sign of a union variant picked wrongly); and a
 * {@code POST /parse} or {@code /extract} answer with a job id is read as a submitted job. The documents must also have
 * taken every {@code anyOf} branch of the schema. A failure names the seed, the JSON path and the document.
 */
class SpecResponseDecodingTest {

    private static final int DOCUMENTS = 1_000;
    private static final long FIRST_SEED = 20_261_202L;
    private static final String SPEC = "openapi.json";
    private static final JsonCodec CODEC = JsonCodec.standard();
    private static final DocumentInput INPUT = DocumentInput.url("https://example.com/a.pdf");

    /**
     * An endpoint: its answer's schemas, by name in {@code openapi.json} (one is drawn per document) or written out
     * where the spec gives the answer's schema inline, and the client call that reads it.
     */
    record Endpoint(String name, List<String> schemas, String inline, Function<ReductoClient, Mono<?>> call,
                    Predicate<JsonNode> refused) {
        Endpoint(String name, List<String> schemas, Function<ReductoClient, Mono<?>> call) {
            this(name, schemas, null, call, document -> false);
        }

        Endpoint(String name, String inline, Function<ReductoClient, Mono<?>> call) {
            this(name, List.of(), inline, call, document -> false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("POST /parse", List.of("ParseResponse", "AsyncParseResponse"),
                        c -> c.parse().run(ParseRequest.builder().input(INPUT).build())),
                new Endpoint("POST /parse_async", List.of("AsyncParseResponse"),
                        c -> c.parse().runJob(ParseRequest.builder().input(INPUT).build())),
                new Endpoint("POST /extract", List.of("V3ExtractResponse", "AsyncExtractResponse"),
                        c -> c.extract().run(ExtractRequest.builder().input(INPUT).build())),
                new Endpoint("POST /extract_async", List.of("AsyncExtractResponse"),
                        c -> c.extract().runJob(ExtractRequest.builder().input(INPUT).build())),
                new Endpoint("POST /split", List.of("SplitResponse"), c -> c.split().run(split())),
                new Endpoint("POST /split_async", List.of("AsyncSplitResponse"), c -> c.split().runJob(split())),
                new Endpoint("POST /edit", List.of("EditResponse"), c -> c.edit().run(edit())),
                new Endpoint("POST /edit_async", List.of("AsyncEditResponse"), c -> c.edit().runJob(edit())),
                new Endpoint("POST /pipeline", List.of("PipelineResponse"), c -> c.pipeline().run(pipeline())),
                new Endpoint("POST /pipeline_async", List.of("AsyncPipelineResponse"),
                        c -> c.pipeline().runJob(pipeline())),
                new Endpoint("POST /classify", List.of("ClassifyResponse"),
                        c -> c.classify().run(ClassifyRequest.builder().input(INPUT).build())),
                new Endpoint("GET /job/{job_id}", List.of("AsyncJobResponse", "EnhancedAsyncJobResponse"),
                        c -> c.getJob("job-1")),
                new Endpoint("GET /jobs", List.of("JobsResponse"),
                        c -> c.listJobs(ListJobsRequest.builder().build())),
                // a blank file id (the spec allows any string) is refused: nothing can be processed with it
                new Endpoint("POST /upload", List.of("UploadResponse"), null,
                        c -> c.upload(UploadSource.of(new byte[] {1, 2, 3}, "a.pdf")),
                        document -> document.path("file_id").asText().isBlank()),
                new Endpoint("POST /cancel/{job_id}", "{}", c -> c.cancelJob("job-1")),
                new Endpoint("GET /version", "{\"type\":\"string\"}", ReductoClient::version),
                new Endpoint("POST /configure_webhook", "{\"type\":\"string\"}", ReductoClient::configureWebhook));
    }

    private volatile byte[] answer;
    private final ReductoClient client = ReductoClient.builder().apiKey("sk-test").baseUrl("http://127.0.0.1:1")
            .exchange(new HttpExchange() {
                @Override
                public <T> Mono<T> exchange(Call call, ResponseHandler<T> handler) {
                    return Mono.defer(() -> handler.handle(200, Map.of("content-type", List.of("application/json")),
                            Flux.just(Unpooled.wrappedBuffer(answer))));
                }
            }).build();

    @AfterEach
    void close() {
        client.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void everyAnswerTheSpecAllowsDecodesToWhatItSays(Endpoint endpoint) {
        SpecResponseGenerator generator = new SpecResponseGenerator();
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            long seed = FIRST_SEED + i;
            Random random = new Random(seed);
            String schema = endpoint.schemas().isEmpty() ? null
                    : endpoint.schemas().get(random.nextInt(endpoint.schemas().size()));
            JsonNode document = generator.generate(schema == null ? CODEC.readTree(endpoint.inline())
                    : generator.schema(schema), random);
            String where = endpoint + " seed " + seed + (schema == null ? "" : " (" + schema + ")") + ": "
                    + document;
            if (schema != null) {
                assertThat(SpecValidator.instance().validate(SPEC, schema, document))
                        .as("the generator's document must be valid, %s", where).isEmpty();
            }
            answer = CODEC.encode(document);
            if (endpoint.refused().test(document)) {
                assertThatThrownBy(() -> endpoint.call().apply(client).block()).as("refused, %s", where)
                        .isInstanceOf(ReductoException.class).hasMessageContaining("file_id");
                refused++;
                continue;
            }
            Object value;
            try {
                value = endpoint.call().apply(client).block();
            } catch (RuntimeException e) {
                throw new AssertionError("a spec-valid answer failed to decode, " + where + "\n" + e, e);
            }
            check(endpoint, schema, document, value, where);
            decoded++;
        }
        assertThat(decoded + refused).isEqualTo(DOCUMENTS);
        assertThat(decoded).isGreaterThan(DOCUMENTS * 9 / 10);
        System.out.printf("%s: %d spec-valid answers decoded, %d refused%n", endpoint, decoded, refused);
        for (String schema : endpoint.schemas()) {
            assertThat(generator.branchesNeverTaken(generator.schema(schema), schema))
                    .as("union branches of %s no document took", schema).isEmpty();
        }
    }

    private static void check(Endpoint endpoint, String schema, JsonNode document, Object value, String where) {
        if (endpoint.name().startsWith("POST /cancel")) {
            assertThat(value).as("a cancellation completes empty, %s", where).isNull();
            return;
        }
        Object response = value;
        if (value instanceof RunResult<?> run) {
            boolean submitted = schema.startsWith("Async");
            assertThat(run).as("submitted or completed, %s", where)
                    .isInstanceOf(submitted ? RunResult.Submitted.class : RunResult.Completed.class);
            response = run instanceof RunResult.Completed<?> completed ? completed.response()
                    : ((RunResult.Submitted<?>) run).job();
        }
        JsonNode encoded = CODEC.toTree(response);
        if (endpoint.name().equals("POST /upload")) {
            // what the client hands out as presigned_url after an upload is its own rule, not the answer's
            ((ObjectNode) encoded).remove("presigned_url");
            ((ObjectNode) document).remove("presigned_url");
        }
        assertThat(comparable(encoded)).as("the value encoded back, %s", where).isEqualTo(comparable(document));
        inspect(response, "$", where);
    }

    /** The same JSON without the object fields that are null, and with numbers written one way. */
    private static JsonNode comparable(JsonNode json) {
        if (json.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            json.properties().forEach(field -> {
                if (!field.getValue().isNull()) {
                    out.set(field.getKey(), comparable(field.getValue()));
                }
            });
            return out;
        }
        if (json.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            json.forEach(element -> out.add(comparable(element)));
            return out;
        }
        return json.isNumber() ? DecimalNode.valueOf(json.decimalValue().stripTrailingZeros()) : json;
    }

    /** Walks the decoded value: no union fell back to Unknown, no record kept a spec field among unknown ones. */
    private static void inspect(Object value, String path, String where) {
        if (value == null || value instanceof JsonNode || value instanceof String || value instanceof Number
                || value instanceof Boolean || value.getClass().isEnum()) {
            return;
        }
        if (value instanceof RawJson && value.getClass().getSimpleName().equals("Unknown")) {
            fail("%s decoded as %s.Unknown, %s", path, value.getClass().getEnclosingClass().getSimpleName(), where);
        }
        if (value instanceof Nullable<?> nullable) {
            inspect(nullable.orElse(null), path, where);
        } else if (value instanceof Collection<?> elements) {
            List<?> list = new ArrayList<>(elements);
            for (int i = 0; i < list.size(); i++) {
                inspect(list.get(i), path + "[" + i + "]", where);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> inspect(element, path + "." + key, where));
        } else if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                Object field;
                try {
                    field = component.getAccessor().invoke(value);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (component.getName().equals("additionalProperties")) {
                    assertThat(((Map<?, ?>) field).keySet()).as("unknown fields of %s at %s, %s",
                            value.getClass().getSimpleName(), path, where)
                            .allMatch(key -> ((String) key).startsWith(SpecResponseGenerator.EXTRA_PREFIX));
                } else {
                    inspect(field, path + "." + component.getName(), where);
                }
            }
        }
    }

    private static SplitRequest split() {
        return SplitRequest.builder().input(INPUT)
                .splitDescription(List.of(SplitCategory.builder().name("invoice").description("An invoice").build()))
                .build();
    }

    private static EditRequest edit() {
        return EditRequest.builder().documentUrl(INPUT).editInstructions("Sign it.").build();
    }

    private static PipelineRequest pipeline() {
        return PipelineRequest.builder().input(INPUT).pipelineId("k7wq3n2p").build();
    }
}
