package io.reductor.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The endpoints of existing jobs: {@code GET /job/{job_id}} (with the {@code timeout} long poll),
 * {@code POST /cancel/{job_id}} and {@code GET /jobs} (cursor paging, newest first). Bad query parameters are answered
 * with 422 in FastAPI's shape.
 */
final class JobEndpoints {

    private static final Duration MAX_LONG_POLL = Duration.ofMinutes(5);

    private final Settings settings;
    private final JobStore jobs;
    private final JobRenderer renderer;

    JobEndpoints(Settings settings, JobStore jobs, JobRenderer renderer) {
        this.settings = settings;
        this.jobs = jobs;
        this.renderer = renderer;
    }

    /**
     * {@code GET /job/{job_id}}: the job at once, or with {@code timeout} (seconds, at most 5 minutes) once its status
     * changes (or it finishes, with {@link Settings#longPollUntilFinished()}) or the timeout passes.
     */
    Mono<Reply> job(Route.Call call) {
        String id = call.param("job_id");
        Map<String, String> query = call.query();
        Job job = jobs.get(id);
        if (job == null) {
            return Mono.just(notFound(id));
        }
        String timeoutText = query.get("timeout");
        if (timeoutText == null || timeoutText.isBlank()) {
            return Mono.just(Reply.ok(renderer.render(job)));
        }
        double seconds;
        try {
            seconds = Double.parseDouble(timeoutText);
        } catch (NumberFormatException e) {
            return Mono.just(queryIssue("timeout", timeoutText, "float_parsing",
                    "Input should be a valid number, unable to parse string as a number"));
        }
        Duration timeout = Duration.ofMillis((long) (Math.max(0, seconds) * 1000));
        if (timeout.compareTo(MAX_LONG_POLL) > 0) {
            timeout = MAX_LONG_POLL;
        }
        if (timeout.isZero()) {
            return Mono.just(Reply.ok(renderer.render(job)));
        }
        Mono<Void> wake = settings.longPollUntilFinished() ? job.finished() : job.nextChange();
        // firstWithSignal subscribes its sources in order and stops at the first that signals while subscribed: the
        // third is reached only when the request is held, after the change and the timeout wake-ups are registered
        Mono<Void> held = Mono.<Void>never().doOnSubscribe(subscription -> call.takeIn());
        return Mono.firstWithSignal(wake, Mono.delay(timeout, settings.scheduler()).then(), held)
                .then(Mono.fromSupplier(() -> Reply.ok(renderer.render(job))));
    }

    /** {@code POST /cancel/{job_id}}: cancels a running job; answers its id and status either way. */
    Mono<Reply> cancel(Route.Call call) {
        String id = call.param("job_id");
        Job job = jobs.get(id);
        if (job == null) {
            return Mono.just(notFound(id));
        }
        job.cancel();
        return Mono.just(Reply.ok(Json.object().put("job_id", id).put("status", job.status().value())));
    }

    /** {@code GET /jobs}: one page of jobs, newest first. */
    Mono<Reply> list(Route.Call call) {
        return Mono.just(page(call.query()));
    }

    private Reply page(Map<String, String> query) {
        int limit = 100;
        String limitText = query.get("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.strip());
            } catch (NumberFormatException e) {
                return queryIssue("limit", limitText, "int_parsing",
                        "Input should be a valid integer, unable to parse string as an integer");
            }
            if (limit < 1) {
                return queryIssue("limit", limitText, "greater_than_equal", "Input should be greater than or equal to 1");
            }
            if (limit > 500) {
                return queryIssue("limit", limitText, "less_than_equal", "Input should be less than or equal to 500");
            }
        }
        boolean exclude = false;
        String excludeText = query.get("exclude_configs");
        if (excludeText != null) {
            String value = excludeText.strip().toLowerCase(Locale.ROOT);
            if (List.of("true", "1", "yes", "on", "t", "y").contains(value)) {
                exclude = true;
            } else if (!List.of("false", "0", "no", "off", "f", "n").contains(value)) {
                return queryIssue("exclude_configs", excludeText, "bool_parsing",
                        "Input should be a valid boolean, unable to interpret input");
            }
        }
        String cursor = query.get("cursor");
        if (cursor != null && (cursor.isBlank() || !JobStore.validCursor(cursor))) {
            return Reply.detail(400, "Invalid cursor");
        }
        JobStore.Page page = jobs.page(limit, cursor == null || cursor.isBlank() ? null : cursor);
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("jobs");
        for (Job job : page.jobs()) {
            list.add(renderer.summary(job, exclude));
        }
        if (page.nextCursor() == null) {
            answer.putNull("next_cursor");
        } else {
            answer.put("next_cursor", page.nextCursor());
        }
        return Reply.ok(answer);
    }

    private static Reply notFound(String id) {
        return Reply.detail(404, "Job not found: " + id + " (jobs and their results are kept for 12 hours)");
    }

    private static Reply queryIssue(String name, String input, String type, String msg) {
        ObjectNode issue = Reply.issue(Json.NODES.arrayNode().add("query").add(name), msg, type);
        issue.put("input", input);
        return Reply.validation(Json.NODES.arrayNode().add(issue));
    }
}
