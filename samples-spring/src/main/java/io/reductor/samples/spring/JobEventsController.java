package io.reductor.samples.spring;

import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.reactor.JobUpdate;
import io.reductor.reactor.ReductoClient;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * {@code GET /jobs/{id}/events}: the job's status transitions as Server-Sent Events, from
 * {@link ReductoClient#awaitCompletion(String)} (which the webhook hub wakes when the job's webhook arrives). Each
 * event is named {@code status}, the last {@code done} (with a summary) or {@code error}.
 */
@RestController
public class JobEventsController {

    /**
     * One event's data.
     *
     * @param jobId    the job
     * @param status   its status ({@code Pending}, {@code InProgress}, ..., {@code Completed})
     * @param progress the progress the service reports, or {@code null}
     * @param terminal whether this is the last event
     * @param summary  on completion a short summary of the result; on failure the reason; else {@code null}
     */
    public record JobEvent(String jobId, String status, Double progress, boolean terminal, String summary) {
    }

    private final ReductoClient client;

    public JobEventsController(ReductoClient client) {
        this.client = client;
    }

    @GetMapping(path = "/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<JobEvent>> events(@PathVariable("id") String id) {
        long[] sequence = {0};
        return client.awaitCompletion(id)
                .map(update -> ServerSentEvent.builder(toEvent(update))
                        .id(Long.toString(++sequence[0]))
                        .event(update.isTerminal() ? "done" : "status")
                        .build())
                .onErrorResume(e -> Flux.just(ServerSentEvent.builder(
                                new JobEvent(id, "Error", null, true, String.valueOf(e.getMessage())))
                        .event("error")
                        .build()));
    }

    static JobEvent toEvent(JobUpdate update) {
        String summary = null;
        if (update.isTerminal()) {
            summary = update.result().map(JobEventsController::summarize)
                    .or(update::reason)
                    .orElse(update.status().value());
        }
        return new JobEvent(update.jobId(), update.status().value(), update.progress().orElse(null),
                update.isTerminal(), summary);
    }

    static String summarize(JobResult result) {
        if (result instanceof JobResult.Parse parse) {
            ParseResponse response = parse.response();
            Integer pages = response.usage() == null ? null : response.usage().numPages();
            String text = "parsed " + (pages == null ? "?" : pages) + " page(s)";
            if (response.result() instanceof FullResult full && full.chunks() != null) {
                int characters = full.chunks().stream()
                        .mapToInt(chunk -> chunk.content() == null ? 0 : chunk.content().length()).sum();
                text += " into " + full.chunks().size() + " chunk(s), " + characters + " characters";
            }
            return text;
        }
        return result.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " completed";
    }
}
