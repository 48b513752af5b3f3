package io.reductor.reactor.internal;

import io.netty.channel.ChannelException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.reductor.core.error.ApiErrors;
import io.reductor.core.error.JobCreationUncertainException;
import io.reductor.core.error.ReductoApiException;
import io.reductor.core.error.ReductoConnectionException;
import io.reductor.core.error.ReductoException;
import io.reductor.core.error.ReductoTimeoutException;
import io.reductor.core.model.common.ApiHeaders;
import io.reductor.reactor.RetryPolicy;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

import javax.net.ssl.SSLException;

/**
 * Decides, after a failed attempt of a {@link Call}, whether to try again and after how long. The rules, in the order
 * they are applied:
 *
 * <ol>
 *   <li><b>Not sent</b> ({@link HttpExchange.NotSentException}: no connection, a full pool): retried after a backoff
 *       while retries are left, whatever the call, since the service cannot have seen it.</li>
 *   <li><b>An answer of the service</b> ({@link ReductoApiException}): a {@code x-should-retry: true|false} header
 *       decides if present, otherwise the policy's retryable statuses (408, 409, 429, 5xx by default). A
 *       {@code Retry-After} longer than {@link RetryPolicy#maxRetryAfter()} ends the call at once; a shorter one
 *       replaces the backoff. A one-shot body is not sent again. A 429 is an answer, so the request was not
 *       processed and resending it is safe even when it creates a job: it waits for its turn at the client's
 *       {@link RatePacer} (which slows every call of the client) and is sent again, without using up a retry, until
 *       it has been refused for {@link RetryPolicy#maxRateLimitWait()} or its total timeout ends it.</li>
 *   <li><b>An I/O failure after the request may have been sent</b>, by allow-list: the {@link IOException} family
 *       (connection refused or reset, premature close, TLS), Netty channel and protocol errors ({@link ChannelException},
 *       {@link DecoderException}), read timeouts ({@link ReadTimeoutException}, {@link TimeoutException}) and an
 *       aborted connection ({@link AbortedException}). A job-creating call is not resent (the job may exist and be
 *       billed) and fails with {@link JobCreationUncertainException}, unless the policy
 *       {@linkplain RetryPolicy#retryAmbiguousJobCreation() allows it}; a one-shot body is not resent; anything else
 *       is retried after a backoff.</li>
 *   <li><b>Anything else</b> (a bug in a handler, a decode failure, an error Reductor raised while reading) reaches
 *       the caller as it is: never retried, never reported as an uncertain job creation.</li>
 * </ol>
 *
 * <p>What the caller receives is the last attempt's own typed exception, never a wrapper; the transport records on it
 * how many attempts were made and the earlier attempts' failures ({@link ReductoException#attempts()}, suppressed
 * exceptions). Network failures are translated into {@link ReductoConnectionException} and
 * {@link ReductoTimeoutException} here, once, with a message that names the peer and the call.
 */
final class RetryRules {

    private final Clock clock;
    private final DoubleSupplier random;
    private final Duration connectTimeout;

    /**
     * Creates the rules.
     *
     * @param clock          reads {@code Retry-After} dates
     * @param random         jitter source, numbers in {@code [0, 1)}
     * @param connectTimeout the connect timeout configured on the HTTP client, for messages
     */
    RetryRules(Clock clock, DoubleSupplier random, Duration connectTimeout) {
        this.clock = clock;
        this.random = random;
        this.connectTimeout = connectTimeout;
    }

    /**
     * What to do after a failed attempt: wait {@code delay} and retry, or fail with {@code error}. A paced retry (after
     * a 429) waits for its turn at the client's pacer instead, and does not use up a retry of the policy.
     */
    record Decision(Duration delay, Throwable error, boolean paced) {
        static Decision fail(Throwable error) {
            return new Decision(null, error, false);
        }

        static Decision retryAfter(Duration delay, Throwable error) {
            return new Decision(delay, error, false);
        }

        static Decision pace(Throwable error) {
            return new Decision(Duration.ZERO, error, true);
        }

        boolean retries() {
            return delay != null;
        }
    }

    /**
     * Decides what follows a failed attempt of {@code call}.
     *
     * @param retry          how many retries of the policy were used before this attempt
     * @param rateLimitedFor how long the call has been answered 429 without a success in between
     * @param error          the attempt's failure
     */
    Decision decide(Call call, int retry, Duration rateLimitedFor, Throwable error) {
        RetryPolicy policy = call.retryPolicy();
        boolean retriesLeft = retry < policy.maxRetries();
        if (error instanceof HttpExchange.NotSentException notSent) {
            Throwable cause = network(call, notSent.getCause());
            return retriesLeft ? backoff(policy, retry, cause) : Decision.fail(cause);
        }
        if (error instanceof ReductoApiException api) {
            if (!shouldRetry(policy, api)) {
                return Decision.fail(api);
            }
            Optional<Duration> asked = ApiErrors.retryAfter(api.headers(), clock);
            if (asked.isPresent() && asked.get().compareTo(policy.maxRetryAfter()) > 0) {
                return Decision.fail(api);
            }
            if (call.isOneShot()) {
                return Decision.fail(api);
            }
            if (api.status() == 429 && !policy.maxRateLimitWait().isZero()) {
                return rateLimitedFor.compareTo(policy.maxRateLimitWait()) < 0 ? Decision.pace(api)
                        : Decision.fail(api);
            }
            if (!retriesLeft) {
                return Decision.fail(api);
            }
            return Decision.retryAfter(asked.orElseGet(() -> policy.backoff(retry, random.getAsDouble())), api);
        }
        if (!isIoFailure(error)) {
            return Decision.fail(error);
        }
        Throwable cause = network(call, error);
        if (call.safety() == Call.Safety.CREATES_JOB && !policy.retryAmbiguousJobCreation()) {
            return Decision.fail(new JobCreationUncertainException(call.operation(), cause));
        }
        if (call.isOneShot()) {
            return Decision.fail(cause);
        }
        return retriesLeft ? backoff(policy, retry, cause) : Decision.fail(cause);
    }

    /** Whether {@code error} is a failure of the network or the peer, on the allow-list above. */
    private static boolean isIoFailure(Throwable error) {
        return error instanceof IOException || error instanceof ChannelException
                || error instanceof DecoderException || error instanceof TimeoutException
                || error instanceof AbortedException;
    }

    private Decision backoff(RetryPolicy policy, int retry, Throwable cause) {
        return Decision.retryAfter(policy.backoff(retry, random.getAsDouble()), cause);
    }

    private static boolean shouldRetry(RetryPolicy policy, ReductoApiException api) {
        Optional<String> verdict = api.header(ApiHeaders.SHOULD_RETRY);
        if (verdict.isPresent() && verdict.get().equalsIgnoreCase("true")) {
            return true;
        }
        if (verdict.isPresent() && verdict.get().equalsIgnoreCase("false")) {
            return false;
        }
        return policy.isRetryableStatus(api.status());
    }

    /** Turns a transport-level failure into Reductor's exception for it. */
    private Throwable network(Call call, Throwable error) {
        if (error instanceof ReductoException) {
            return error;
        }
        if (error instanceof ConnectTimeoutException) {
            return new ReductoTimeoutException(ReductoTimeoutException.Kind.CONNECT, connectTimeout, call.operation(),
                    error);
        }
        if (error instanceof ReadTimeoutException || error instanceof TimeoutException) {
            return new ReductoTimeoutException(ReductoTimeoutException.Kind.RESPONSE, call.responseTimeout(),
                    call.operation(), error);
        }
        return new ReductoConnectionException(describe(call, error), error);
    }

    /**
     * A failure of the network in words a reader acts on, naming the peer and the call, such as
     * {@code connection refused by 127.0.0.1:1 (GET /version)}, without the transport's internals.
     */
    static String describe(Call call, Throwable error) {
        String peer = peer(call.uri());
        String operation = " (" + call.operation() + ")";
        String detail = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
        if (error instanceof UnknownHostException) {
            return "unknown host " + call.uri().getHost() + operation + ": check the base URL and DNS";
        }
        if (error instanceof SSLException || error.getCause() instanceof SSLException) {
            Throwable tls = error instanceof SSLException ? error : error.getCause();
            return "TLS with " + peer + " failed" + operation + ": " + tls.getMessage();
        }
        if (error instanceof TooLongFrameException) {
            return "the response of " + peer + " is too large to read" + operation + ": " + error.getMessage();
        }
        if (error instanceof DecoderException) {
            return "unreadable HTTP response from " + peer + operation + ": " + error.getMessage();
        }
        if (error instanceof PrematureCloseException) {
            return "connection closed by " + peer + " before the response was complete" + operation;
        }
        if (detail.contains("refused") || detail.contains("error(-111)")) {
            return "connection refused by " + peer + operation + ": is the service running at that address?";
        }
        if (detail.contains("reset") || detail.contains("error(-104)")) {
            return "connection reset by " + peer + operation;
        }
        if (error instanceof ConnectException || detail.contains("unreachable") || detail.contains("error(-113)")) {
            return "could not connect to " + peer + operation;
        }
        String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return call.operation() + " to " + peer + " failed: " + reason;
    }

    private static String peer(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}
