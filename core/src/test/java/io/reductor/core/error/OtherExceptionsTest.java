package io.reductor.core.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reductor.core.json.JsonCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class OtherExceptionsTest {

    private final JsonCodec codec = JsonCodec.standard();

    @Test
    void jobFailedMessageNamesJobStatusAndReason() {
        JobFailedException e = new JobFailedException("job-1", "Failed", "Password-protected document", null);

        assertThat(e).isInstanceOf(ReductoException.class);
        assertThat(e.getMessage()).isEqualTo("Job job-1 Failed: Password-protected document");
        assertThat(e.jobId()).isEqualTo("job-1");
        assertThat(e.status()).isEqualTo("Failed");
        assertThat(e.reason()).contains("Password-protected document");
        assertThat(e.error()).isNull();
        assertThat(e.isCancelled()).isFalse();
    }

    @Test
    void jobFailedUsesTheErrorObjectWhenThereIsNoReason() {
        JsonNode error = codec.readTree(
                "{\"code\":0,\"name\":\"TIMEOUT\",\"message\":\"Job exceeded its time limit\",\"job_id\":\"job-2\"}");
        JobFailedException e = new JobFailedException("job-2", "Failed", null, error);

        assertThat(e.getMessage()).isEqualTo("Job job-2 Failed: Job exceeded its time limit (TIMEOUT)");
        assertThat(e.reason()).isEmpty();
        assertThat(e.errorName()).contains("TIMEOUT");
        assertThat(e.error()).isEqualTo(error);
        ((ObjectNode) e.error()).put("name", "changed");
        assertThat(e.errorName()).contains("TIMEOUT");
    }

    @Test
    void jobCancelledAndWithoutReason() {
        JobFailedException e = new JobFailedException("job-3", "Cancelled", "  ", null);

        assertThat(e.getMessage()).isEqualTo("Job job-3 Cancelled (no reason given)");
        assertThat(e.isCancelled()).isTrue();
        assertThat(new JobFailedException("job-4", null, "x", null).getMessage()).isEqualTo("Job job-4 Failed: x");
    }

    @Test
    void timeoutCarriesKindAndDuration() {
        ReductoTimeoutException connect = new ReductoTimeoutException(ReductoTimeoutException.Kind.CONNECT,
                Duration.ofSeconds(5), "POST /parse", null);
        ReductoTimeoutException response = new ReductoTimeoutException(ReductoTimeoutException.Kind.RESPONSE,
                Duration.ofMillis(1500));
        ReductoTimeoutException total = new ReductoTimeoutException(ReductoTimeoutException.Kind.TOTAL,
                Duration.ofMinutes(60));

        assertThat(connect.kind()).isEqualTo(ReductoTimeoutException.Kind.CONNECT);
        assertThat(connect.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(connect.operation()).contains("POST /parse");
        assertThat(connect.getMessage()).isEqualTo("Connect timeout: could not connect to Reducto within 5s (POST /parse)");
        assertThat(response.getMessage()).isEqualTo("Response timeout: Reducto did not answer within 1.5s");
        assertThat(total.getMessage()).isEqualTo("Total timeout: the operation did not complete within 3600s");
        assertThat(total.operation()).isEmpty();
    }

    @Test
    void connectionFailureKeepsItsCause() {
        IOException cause = new ConnectException("Connection refused");
        ReductoConnectionException e = new ReductoConnectionException(cause);

        assertThat(e).isInstanceOf(ReductoException.class).hasCause(cause);
        assertThat(e.getMessage()).isEqualTo("Could not reach Reducto: ConnectException: Connection refused");
        assertThat(new ReductoConnectionException("DNS lookup failed for platform.reducto.ai", cause))
                .hasMessage("DNS lookup failed for platform.reducto.ai").hasCause(cause);
    }
}
