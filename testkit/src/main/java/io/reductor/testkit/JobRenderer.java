package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseResponse;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Jobs as JSON, the way the service answers them: {@code GET /job/{job_id}} (status, progress, result once completed)
 * and one entry of {@code GET /jobs}, with {@code created_at} without offset, like production. A stored URL result
 * gets a freshly signed URL every time it is rendered.
 */
final class JobRenderer {

    /** Where result storage serves objects. */
    static final String RESULTS_PATH = "/_results/";

    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private final Settings settings;
    private final ResultStorage storage;
    private final Supplier<String> baseUrl;

    JobRenderer(Settings settings, ResultStorage storage, Supplier<String> baseUrl) {
        this.settings = settings;
        this.storage = storage;
        this.baseUrl = baseUrl;
    }

    /** A stored result as it is sent: a URL result gets a freshly signed URL. */
    JsonNode renderResult(JsonNode result) {
        if (result == null || !"url".equals(result.path("result").path("type").asText())) {
            return result;
        }
        ObjectNode copy = ((ObjectNode) result).deepCopy();
        ObjectNode urlResult = (ObjectNode) copy.get("result");
        urlResult.put("url", storage.url(baseUrl.get(), RESULTS_PATH, urlResult.path("result_id").asText()));
        return copy;
    }

    /** {@code GET /job/{job_id}}: the job's status, and its result once completed. */
    ObjectNode render(Job job) {
        Job.Snapshot snapshot = job.snapshot(now());
        ObjectNode node = Json.object();
        node.put("status", snapshot.status().value());
        JsonNode result = job.seeded ? seededResult(job) : snapshot.result();
        node.set("result", snapshot.status().equals(JobStatus.COMPLETED) ? renderResult(result)
                : Json.NODES.nullNode());
        node.put("progress", snapshot.progress());
        if (snapshot.reason() != null) {
            node.put("reason", snapshot.reason());
        } else {
            node.putNull("reason");
        }
        describeJob(node, job, snapshot, false);
        return node;
    }

    /** The result of a seeded job, made when it is read: a parse of one page with no chunks. */
    private static JsonNode seededResult(Job job) {
        return Json.tree(ParseResponse.builder().jobId(job.id).duration(job.snapshot(0).duration())
                .usage(ParseEngine.usage(1, 1.0)).responseType("parse")
                .result(FullResult.builder().type("full").chunks(List.of()).build()).build());
    }

    /** One job of {@code GET /jobs}. */
    ObjectNode summary(Job job, boolean excludeConfig) {
        Job.Snapshot snapshot = job.snapshot(now());
        ObjectNode node = Json.object();
        node.put("job_id", job.id);
        node.put("status", snapshot.status().value());
        describeJob(node, job, snapshot, excludeConfig);
        return node;
    }

    private static void describeJob(ObjectNode node, Job job, Job.Snapshot snapshot, boolean excludeConfig) {
        node.put("type", job.type.value());
        if (snapshot.numPages() == null) {
            node.putNull("num_pages");
            node.putNull("total_pages");
        } else {
            node.put("num_pages", snapshot.numPages());
            node.put("total_pages", snapshot.numPages());
        }
        node.set("source", job.source);
        if (Job.isTerminal(snapshot.status()) && snapshot.duration() > 0) {
            node.put("duration", snapshot.duration());
        } else {
            node.putNull("duration");
        }
        node.put("created_at", CREATED_AT.format(LocalDateTime.ofInstant(job.createdAt, ZoneOffset.UTC)));
        if (excludeConfig) {
            node.putNull("raw_config");
        } else {
            node.put("raw_config", job.rawConfig);
        }
        node.putNull("bucket");
    }

    private long now() {
        return settings.scheduler().now(TimeUnit.NANOSECONDS);
    }
}
