package io.reductor.reactor.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.reductor.core.error.ApiErrors;
import io.reductor.core.error.RateLimitException;
import io.reductor.core.error.ReductoApiException;
import io.reductor.core.error.ReductoException;
import io.reductor.core.error.ReductoTimeoutException;
import io.reductor.core.error.ResponseTooLargeException;
import io.reductor.reactor.RequestPacer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Sends calls through an {@link HttpExchange}: each attempt numbered, failed attempts tried again as the call's
 * {@link RetryRules} decide, the whole bounded by the call's total timeout, a non-2xx response turned into a typed
 * exception, and response bodies capped in size. Job-creating calls may also share an {@link AdaptiveLimit}, which
 * thins them out when the service answers 429.
 *
 * <p>Delays run on a scheduler obtained when a call is subscribed, so tests can drive them with virtual time.
 */
public final class Transport {

    /** Tells the server which attempt this is (0 for the first). */
    public static final String RETRY_COUNT_HEADER = "x-reductor-retry-count";

    /** The largest declared body {@link #sendForBody} copies into a pooled buffer rather than an array. */
    static final int POOLED_BODY_LIMIT = 1 << 20;

    /** Failed attempts and what follows them, at DEBUG; a public name, documented for users' logging setups. */
    private static final Logger LOG = LoggerFactory.getLogger("io.reductor.http");

    private final HttpExchange exchange;
    private final Supplier<Scheduler> scheduler;
    private final Clock clock;
    private final RetryRules rules;
    private final long maxResponseBytes;
    private final AdaptiveLimit jobCreationLimit;
    private final RequestPacer pacer;
    private final Telemetry telemetry;

    /**
     * Creates a transport that reports to no telemetry.
     *
     * @param exchange         sends one attempt
     * @param scheduler        supplies the scheduler for backoff delays and timeouts, per subscription
     * @param clock            reads {@code Retry-After} dates
     * @param random           jitter source, numbers in {@code [0, 1)}
     * @param maxResponseBytes the largest response body read into memory
     * @param connectTimeout   the connect timeout configured on the HTTP client, for messages
     * @param jobCreationLimit the limit on job-creating calls in flight, or {@code null} for none
     * @param pacer            paces the client's calls after 429s, or {@code null} for none
     */
    public Transport(HttpExchange exchange, Supplier<Scheduler> scheduler, Clock clock, DoubleSupplier random,
            long maxResponseBytes, Duration connectTimeout, AdaptiveLimit jobCreationLimit, RequestPacer pacer) {
        this(exchange, scheduler, clock, random, maxResponseBytes, connectTimeout, jobCreationLimit, pacer, null);
    }

    /**
     * Creates a transport that observes each exchange and counts 429s, and reports the pacer's rates.
     *
     * @param telemetry where exchanges, 429s and the pacer's rates are reported, or {@code null} for nowhere
     * @see #Transport(HttpExchange, Supplier, Clock, DoubleSupplier, long, Duration, AdaptiveLimit, RequestPacer)
     */
    public Transport(HttpExchange exchange, Supplier<Scheduler> scheduler, Clock clock, DoubleSupplier random,
            long maxResponseBytes, Duration connectTimeout, AdaptiveLimit jobCreationLimit, RequestPacer pacer,
            Telemetry telemetry) {
        this.pacer = pacer;
        this.telemetry = telemetry;
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rules = new RetryRules(clock, Objects.requireNonNull(random, "random"), connectTimeout);
        this.maxResponseBytes = maxResponseBytes;
        this.jobCreationLimit = jobCreationLimit;
        if (telemetry != null && pacer != null) {
            telemetry.watch(pacer);
        }
    }

    /** Where exchanges and rates are reported, or {@code null} for nowhere. */
    public Telemetry telemetry() {
        return telemetry;
    }

    /** Sends {@code call} and reads a 2xx response whole (up to the size limit). */
    public Mono<HttpResult> send(Call call) {
        return send(call, (status, headers, body) -> aggregate(call, status, headers, body));
    }

    /**
     * Sends {@code call} and hands a 2xx body, read whole within the size limit, to {@code reader}. A body of a
     * declared length up to {@value #POOLED_BODY_LIMIT} bytes (a job's status, most results) is copied into one
     * pooled buffer of that length, released once {@code reader} returns, so it costs no array of its own; a larger
     * or undeclared one is gathered as {@link #send(Call)} gathers it.
     */
    public <T> Mono<T> sendForBody(Call call, BodyReader<T> reader) {
        return send(call, (status, headers, body) -> {
            long declared = ContentLength.declared(headers);
            if (declared < 0 || declared > Math.min(POOLED_BODY_LIMIT, maxResponseBytes)) {
                return aggregate(call, status, headers, body)
                        .map(result -> reader.read(status, headers, Unpooled.wrappedBuffer(result.body())));
            }
            return Mono.using(() -> ByteBufAllocator.DEFAULT.buffer((int) declared),
                    content -> body.doOnNext(chunk -> {
                                if (content.readableBytes() + (long) chunk.readableBytes() > maxResponseBytes) {
                                    throw new ResponseTooLargeException(call.operation(), maxResponseBytes);
                                }
                                content.writeBytes(chunk);
                            })
                            .then(Mono.fromCallable(() -> reader.read(status, headers, content))),
                    ByteBuf::release);
        });
    }

    /**
     * Reads a whole 2xx body.
     *
     * @param <T> what it reads
     */
    @FunctionalInterface
    public interface BodyReader<T> {
        /**
         * Reads the body.
         *
         * @param status  the HTTP status
         * @param headers the headers, by lower-case name
         * @param content the body, valid until this returns; empty when there is none
         */
        T read(int status, Map<String, List<String>> headers, ByteBuf content);
    }

    /**
     * Sends {@code call}, retrying by its policy within its total timeout, and lets {@code onSuccess} read a 2xx
     * response as it streams in. A non-2xx response is read whole and becomes the matching
     * {@link ReductoApiException}.
     */
    public <T> Mono<T> send(Call call, HttpExchange.ResponseHandler<T> onSuccess) {
        HttpExchange.ResponseHandler<T> handler = (status, headers, body) -> status >= 200 && status < 300
                ? onSuccess.handle(status, headers, body)
                : aggregate(call, status, headers, body)
                        .flatMap(result -> Mono.error(ApiErrors.fromResponse(status, headers,
                                exchange.redact(result.body()), clock)));
        Mono<T> attempts = attempt(call, handler, Progress.FIRST);
        Duration totalTimeout = call.totalTimeout();
        if (totalTimeout == null) {
            return attempts;
        }
        return Mono.defer(() -> attempts.timeout(totalTimeout, scheduler.get()))
                .onErrorMap(TimeoutException.class, timeout -> new ReductoTimeoutException(
                        ReductoTimeoutException.Kind.TOTAL, totalTimeout, call.operation(), timeout));
    }

    /**
     * Where a call stands before an attempt.
     *
     * @param attempt          the attempt's number, 0 for the first
     * @param retries          the retries of the policy used so far (paced resends after 429s use none)
     * @param earlier          the failures of the latest earlier attempts, oldest first, at most {@value #KEPT}
     * @param rateLimitedSince when the current run of 429s began (scheduler nanoseconds), or {@code null}
     */
    private record Progress(int attempt, int retries, List<Throwable> earlier, Long rateLimitedSince) {
        static final int KEPT = 10;
        static final Progress FIRST = new Progress(0, 0, List.of(), null);

        Duration rateLimitedFor(long now) {
            return rateLimitedSince == null ? Duration.ZERO : Duration.ofNanos(now - rateLimitedSince);
        }

        Progress next(RetryRules.Decision decision, long now) {
            List<Throwable> failures = new ArrayList<>(earlier);
            failures.add(decision.error());
            List<Throwable> kept = List.copyOf(failures.subList(Math.max(0, failures.size() - KEPT), failures.size()));
            Long since = decision.paced() ? (rateLimitedSince == null ? Long.valueOf(now) : rateLimitedSince) : null;
            return new Progress(attempt + 1, decision.paced() ? retries : retries + 1, kept, since);
        }
    }

    /** One attempt, and what follows its failure; the final failure carries the attempt count and earlier ones. */
    private <T> Mono<T> attempt(Call call, HttpExchange.ResponseHandler<T> handler, Progress progress) {
        Call numbered = call.withHeader(RETRY_COUNT_HEADER, Integer.toString(progress.attempt()));
        boolean retry = progress.attempt() > 0;
        Mono<T> once = jobCreationLimit == null || call.safety() != Call.Safety.CREATES_JOB
                ? exchange(numbered, handler, retry)
                : Mono.usingWhen(jobCreationLimit.acquire(),
                        permit -> exchange(numbered, handler, retry),
                        permit -> release(permit, null),
                        (permit, error) -> release(permit, error),
                        permit -> release(permit, null));
        Set<RequestPacer.Lane> lanes = pacer == null ? Set.of() : RatePacer.lanesOf(call);
        Mono<T> paced = lanes.isEmpty() ? once
                : pacer.turn(lanes).then(once).doOnSuccess(ignored -> pacer.answered(lanes));
        return paced.onErrorResume(error -> {
            Scheduler timer = scheduler.get();
            long now = timer.now(TimeUnit.NANOSECONDS);
            tellPacer(call, error);
            RetryRules.Decision decision = rules.decide(call, progress.retries(), progress.rateLimitedFor(now), error);
            if (!decision.retries()) {
                if (progress.attempt() > 0 && decision.error() instanceof ReductoException last) {
                    last.recordAttempts(progress.attempt() + 1, progress.earlier());
                }
                if (progress.attempt() > 0) {
                    LOG.debug("{} failed on attempt {} ({}); giving up", call.operation(), progress.attempt() + 1,
                            decision.error().getMessage());
                }
                return Mono.error(decision.error());
            }
            LOG.debug("{} failed on attempt {} ({}); {}", call.operation(), progress.attempt() + 1,
                    decision.error().getMessage(), decision.paced() ? "resending at its turn"
                            : "retrying in " + decision.delay().toMillis() + " ms");
            Progress next = progress.next(decision, now);
            Mono<Long> wait = decision.delay().isZero() ? Mono.just(0L) : Mono.delay(decision.delay(), timer);
            return wait.then(Mono.defer(() -> attempt(call, handler, next)));
        });
    }

    /** One attempt on the wire, observed when there is telemetry. */
    private <T> Mono<T> exchange(Call call, HttpExchange.ResponseHandler<T> handler, boolean retry) {
        return telemetry == null ? exchange.exchange(call, handler)
                : telemetry.exchange(call, retry, handler, exchange);
    }

    /**
     * Tells the pacer (and the telemetry) whether the service answered 429, and in which lane, or answered otherwise.
     */
    private void tellPacer(Call call, Throwable error) {
        Set<RequestPacer.Lane> lanes = pacer == null ? Set.of() : RatePacer.lanesOf(call);
        if (error instanceof RateLimitException limit) {
            RequestPacer.Lane lane = limit.isPollingLimit() ? RequestPacer.Lane.JOB_POLLS : RequestPacer.Lane.REQUESTS;
            if (telemetry != null) {
                telemetry.rateLimited(call, lane);
            }
            if (lanes.isEmpty()) {
                return;
            }
            // a Retry-After past the policy's cap ends this call, and holds no other call that long
            Duration asked = ApiErrors.retryAfter(limit.headers(), clock)
                    .filter(wait -> wait.compareTo(call.retryPolicy().maxRetryAfter()) <= 0).orElse(null);
            pacer.rateLimited(lane, asked);
        } else if (!lanes.isEmpty() && error instanceof ReductoApiException) {
            pacer.answered(lanes);
        }
    }

    private static Mono<Void> release(AdaptiveLimit.Permit permit, Throwable error) {
        permit.release(error instanceof ReductoApiException api && api.status() == 429);
        return Mono.empty();
    }

    private Mono<HttpResult> aggregate(Call call, int status, Map<String, List<String>> headers,
            Flux<ByteBuf> body) {
        if (ContentLength.exceeds(headers, maxResponseBytes)) {
            return Mono.error(new ResponseTooLargeException(call.operation(), maxResponseBytes));
        }
        long declared = ContentLength.declared(headers);
        return body.reduceWith(() -> new BodyBuffer(declared, maxResponseBytes), (buffer, chunk) -> {
                    if (!buffer.fits(chunk.readableBytes())) {
                        throw new ResponseTooLargeException(call.operation(), maxResponseBytes);
                    }
                    buffer.append(chunk);
                    return buffer;
                })
                .map(buffer -> new HttpResult(status, headers, buffer.toArray()));
    }

    /**
     * A response body gathered from its chunks into blocks that are filled once and never regrown, so that what it
     * holds while reading stays within the limit: a chunk is checked against the limit before any memory is taken for
     * it, and no block is larger than the limit leaves room for. Blocks start at the declared length or 8 KiB (up to
     * {@value #MAX_BLOCK} bytes, so a header alone cannot make it allocate much) and grow with the body up to
     * {@value #MAX_BLOCK} bytes. The whole body is copied into one array once, when complete.
     */
    private static final class BodyBuffer {
        private static final int MIN_BLOCK = 8192;
        /**
         * Blocks stay below half of G1's smallest region (1 MiB), since larger arrays are "humongous" and take whole
         * regions: 1 MiB blocks would fill twice their size of heap.
         */
        private static final int MAX_BLOCK = 256 * 1024;
        /** The longest array a JVM allocates. */
        private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
        private final long limit;
        private final List<byte[]> full = new ArrayList<>();
        private byte[] block;
        private int used;
        private long size;

        BodyBuffer(long declared, long limit) {
            this.limit = Math.min(limit, MAX_ARRAY);
            block = new byte[(int) Math.min(limit, declared < 0 ? MIN_BLOCK : Math.min(declared, MAX_BLOCK))];
        }

        /** Whether {@code length} more bytes stay within the limit (and within one array). */
        boolean fits(int length) {
            return size + length <= limit;
        }

        /** Copies the chunk in; the caller has checked that it {@link #fits}. */
        void append(ByteBuf chunk) {
            int length = chunk.readableBytes();
            while (length > 0) {
                if (used == block.length) {
                    full.add(block);
                    block = new byte[(int) Math.min(limit - size, Math.max(MIN_BLOCK, Math.min(size, MAX_BLOCK)))];
                    used = 0;
                }
                int part = Math.min(length, block.length - used);
                chunk.readBytes(block, used, part);
                used += part;
                size += part;
                length -= part;
            }
        }

        byte[] toArray() {
            if (full.isEmpty() && used == block.length) {
                return block;
            }
            byte[] bytes = new byte[(int) size];
            int at = 0;
            for (byte[] each : full) {
                System.arraycopy(each, 0, bytes, at, each.length);
                at += each.length;
            }
            System.arraycopy(block, 0, bytes, at, used);
            return bytes;
        }
    }

}
