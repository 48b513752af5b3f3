package io.reductor.reactor.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.reductor.core.error.ApiErrors;
import io.reductor.core.error.JobCreationUncertainException;
import io.reductor.core.error.ReductoApiException;
import io.reductor.core.error.ReductoConnectionException;
import io.reductor.core.error.ReductoException;
import io.reductor.core.error.ReductoTimeoutException;
import io.reductor.core.error.ResponseTooLargeException;
import io.reductor.core.error.RetriesExhaustedException;
import io.reductor.core.model.common.ApiHeaders;
import io.reductor.reactor.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Sends calls through an {@link HttpExchange} with Reductor's rules for failures, all in this one class: which
 * failures are retried, how long to wait, when a wait asked for by the server is too long, when a job-creating request
 * must not be sent twice, how a non-2xx response becomes a typed exception, and how large a response may be.
 * Job-creating calls may also share an {@link AdaptiveLimit}, which thins them out when the service answers 429.
 *
 * <p>Delays run on a scheduler obtained when a call is subscribed, so tests can drive them with virtual time.
 */
public final class Transport {

    /** Tells the server which attempt this is (0 for the first). */
    public static final String RETRY_COUNT_HEADER = "x-reductor-retry-count";

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

    private final HttpExchange exchange;
    private final Supplier<Scheduler> scheduler;
    private final Clock clock;
    private final DoubleSupplier random;
    private final long maxResponseBytes;
    private final Duration connectTimeout;
    private final AdaptiveLimit jobCreationLimit;

    /**
     * Creates a transport.
     *
     * @param exchange         sends one attempt
     * @param scheduler        supplies the scheduler for backoff delays and timeouts, per subscription
     * @param clock            reads {@code Retry-After} dates
     * @param random           jitter source, numbers in {@code [0, 1)}
     * @param maxResponseBytes the largest response body read into memory
     * @param connectTimeout   the connect timeout configured on the HTTP client, for messages
     */
    public Transport(HttpExchange exchange, Supplier<Scheduler> scheduler, Clock clock, DoubleSupplier random,
            long maxResponseBytes, Duration connectTimeout) {
        this(exchange, scheduler, clock, random, maxResponseBytes, connectTimeout, null);
    }

    /**
     * Creates a transport whose job-creating calls share an adaptive concurrency limit.
     *
     * @param jobCreationLimit the limit on job-creating calls in flight, or {@code null} for none
     */
    public Transport(HttpExchange exchange, Supplier<Scheduler> scheduler, Clock clock, DoubleSupplier random,
            long maxResponseBytes, Duration connectTimeout, AdaptiveLimit jobCreationLimit) {
        this.jobCreationLimit = jobCreationLimit;
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.maxResponseBytes = maxResponseBytes;
        this.connectTimeout = connectTimeout;
    }

    /** Sends {@code call} and reads a 2xx response whole (up to the size limit). */
    public Mono<HttpResult> send(Call call, RetryPolicy policy, Duration totalTimeout) {
        return send(call, policy, totalTimeout, (status, headers, body) -> aggregate(call, status, headers, body));
    }

    /**
     * Sends {@code call}, retrying by {@code policy}, and lets {@code onSuccess} read a 2xx response as it streams in.
     * A non-2xx response is read whole and becomes the matching {@link ReductoApiException}.
     *
     * @param totalTimeout the limit across all attempts and backoffs, or {@code null} for none
     */
    public <T> Mono<T> send(Call call, RetryPolicy policy, Duration totalTimeout,
            HttpExchange.ResponseHandler<T> onSuccess) {
        HttpExchange.ResponseHandler<T> handler = (status, headers, body) -> status >= 200 && status < 300
                ? onSuccess.handle(status, headers, body)
                : aggregate(call, status, headers, body)
                        .flatMap(result -> Mono.error(ApiErrors.fromResponse(status, headers,
                                exchange.redact(result.body()), clock)));
        Mono<T> attempts = attempt(call, policy, handler, 0);
        if (totalTimeout == null) {
            return attempts;
        }
        return Mono.defer(() -> attempts.timeout(totalTimeout, scheduler.get()))
                .onErrorMap(TimeoutException.class, timeout -> new ReductoTimeoutException(
                        ReductoTimeoutException.Kind.TOTAL, totalTimeout, call.operation(), timeout));
    }

    private <T> Mono<T> attempt(Call call, RetryPolicy policy, HttpExchange.ResponseHandler<T> handler, int retry) {
        Call numbered = call.withHeader(RETRY_COUNT_HEADER, Integer.toString(retry));
        Mono<T> once = jobCreationLimit == null || call.safety() != Call.Safety.CREATES_JOB
                ? exchange.exchange(numbered, handler)
                : Mono.usingWhen(jobCreationLimit.acquire(),
                        permit -> exchange.exchange(numbered, handler),
                        permit -> release(permit, null),
                        (permit, error) -> release(permit, error),
                        permit -> release(permit, null));
        return once.onErrorResume(error -> {
            Decision decision = decide(call, policy, retry, error);
            if (decision.delay == null) {
                return Mono.error(decision.error);
            }
            LOG.debug("{} failed on attempt {} ({}); retrying in {} ms", call.operation(), retry + 1,
                    decision.error.getMessage(), decision.delay.toMillis());
            return Mono.defer(() -> Mono.delay(decision.delay, scheduler.get()))
                    .then(Mono.defer(() -> attempt(call, policy, handler, retry + 1)));
        });
    }

    private static Mono<Void> release(AdaptiveLimit.Permit permit, Throwable error) {
        permit.release(error instanceof ReductoApiException api && api.status() == 429);
        return Mono.empty();
    }

    /** What to do after a failed attempt: wait {@code delay} and retry, or fail with {@code error}. */
    private record Decision(Duration delay, Throwable error) {
        static Decision fail(Throwable error) {
            return new Decision(null, error);
        }
    }

    private Decision decide(Call call, RetryPolicy policy, int retry, Throwable error) {
        boolean retriesLeft = retry < policy.maxRetries();
        int attempts = retry + 1;
        if (error instanceof HttpExchange.NotSentException notSent) {
            Throwable cause = network(call, notSent.getCause());
            return retriesLeft ? retryAfterBackoff(policy, retry, cause)
                    : Decision.fail(exhausted(call, attempts, cause));
        }
        if (error instanceof ReductoApiException api) {
            if (!shouldRetry(policy, api)) {
                return Decision.fail(api);
            }
            Optional<Duration> asked = ApiErrors.retryAfter(api.headers(), clock);
            if (asked.isPresent() && asked.get().compareTo(policy.maxRetryAfter()) > 0) {
                return Decision.fail(api);
            }
            if (!retriesLeft) {
                return Decision.fail(exhausted(call, attempts, api));
            }
            if (isOneShot(call)) {
                return Decision.fail(api);
            }
            return new Decision(asked.orElseGet(() -> policy.backoff(retry, random.getAsDouble())), api);
        }
        if (error instanceof ReductoException || !isNetworkFailure(error)) {
            return Decision.fail(error);
        }
        Throwable cause = network(call, error);
        if (call.safety() == Call.Safety.CREATES_JOB && !policy.retryAmbiguousJobCreation()) {
            return Decision.fail(new JobCreationUncertainException(call.operation(), cause));
        }
        if (isOneShot(call)) {
            return Decision.fail(cause);
        }
        return retriesLeft ? retryAfterBackoff(policy, retry, cause)
                : Decision.fail(exhausted(call, attempts, cause));
    }

    /** Whether the body of {@code call} can be sent only once (a caller's stream). */
    private static boolean isOneShot(Call call) {
        return call.body() instanceof RequestBody.Stream stream && !stream.repeatable();
    }

    private Decision retryAfterBackoff(RetryPolicy policy, int retry, Throwable cause) {
        return new Decision(policy.backoff(retry, random.getAsDouble()), cause);
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

    private static Throwable exhausted(Call call, int attempts, Throwable last) {
        return attempts > 1 ? new RetriesExhaustedException(call.operation(), attempts, last) : last;
    }

    private static boolean isNetworkFailure(Throwable error) {
        return !(error instanceof Error) && !(error instanceof IllegalArgumentException)
                && !(error instanceof IllegalStateException) && !(error instanceof NullPointerException);
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
        String detail = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new ReductoConnectionException(call.operation() + " failed: " + detail, error);
    }

    private Mono<HttpResult> aggregate(Call call, int status, Map<String, List<String>> headers,
            Flux<ByteBuf> body) {
        if (ContentLength.exceeds(headers, maxResponseBytes)) {
            return Mono.error(new ResponseTooLargeException(call.operation(), maxResponseBytes));
        }
        long declared = ContentLength.declared(headers);
        return body.reduceWith(() -> new BodyBuffer(declared), (buffer, chunk) -> {
                    if (buffer.size() + (long) chunk.readableBytes() > maxResponseBytes) {
                        throw new ResponseTooLargeException(call.operation(), maxResponseBytes);
                    }
                    buffer.append(chunk);
                    return buffer;
                })
                .map(buffer -> new HttpResult(status, headers, buffer.toArray()));
    }

    /**
     * A response body gathered from its chunks with one copy each, into an array sized by the declared length when
     * there is one (up to {@value #MAX_PRESIZE} bytes, so a header alone cannot make it allocate much).
     */
    private static final class BodyBuffer {
        private static final int MAX_PRESIZE = 1 << 20;
        private byte[] bytes;
        private int size;

        BodyBuffer(long declared) {
            bytes = new byte[declared < 0 ? 8192 : (int) Math.min(declared, MAX_PRESIZE)];
        }

        int size() {
            return size;
        }

        void append(ByteBuf chunk) {
            int length = chunk.readableBytes();
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max(size + (long) length, 2L * bytes.length)));
            }
            chunk.readBytes(bytes, size, length);
            size += length;
        }

        byte[] toArray() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }

}
