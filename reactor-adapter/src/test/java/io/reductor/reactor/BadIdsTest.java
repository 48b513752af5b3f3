package io.reductor.reactor;

import io.reductor.reactor.internal.Call;
import io.reductor.reactor.internal.HttpExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Job ids that are blank or padded with whitespace fail at the call, and nothing is sent for them. */
class BadIdsTest {

    private final List<Call> sent = new CopyOnWriteArrayList<>();
    private final ReductoClient client = ReductoClient.builder().apiKey("sk-test").baseUrl("http://127.0.0.1:1")
            .exchange(new HttpExchange() {
                @Override
                public <T> Mono<T> exchange(Call call, ResponseHandler<T> handler) {
                    sent.add(call);
                    return Mono.error(new AssertionError("nothing may be sent for a bad id"));
                }
            }).build();

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", " job-1", "job-1 "})
    void everyCallTakingAJobIdRefusesABadOneAtTheCall(String id) {
        assertThatThrownBy(() -> client.getJob(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + id + "\"");
        assertThatThrownBy(() -> client.cancelJob(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + id + "\"");
        assertThatThrownBy(() -> client.awaitCompletion(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + id + "\"");
        assertThatThrownBy(() -> client.awaitResult(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + id + "\"");
        assertThatThrownBy(() -> new PendingJob<>("doc", id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PendingJob.jobId").hasMessageContaining("\"" + id + "\"");

        assertThat(sent).isEmpty();
    }

    @Test
    void aWellFormedIdIsSent() {
        client.cancelJob("job-1").onErrorResume(AssertionError.class, error -> Mono.empty()).block();

        assertThat(sent).extracting(Call::operation).containsExactly("POST /cancel/job-1");
    }
}
