package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.model.cite.CiteRequest;
import io.reductor.core.model.classify.ClassifyRequest;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.edit.EditRequest;
import io.reductor.core.model.extract.ExtractRequest;
import io.reductor.core.model.job.JobType;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.split.SplitRequest;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An embedded Reducto-compatible HTTP server for tests, samples and benchmarks: every endpoint of the API on Reactor
 * Netty, bound to {@code 127.0.0.1} on a random port, with results derived from the documents it is given (PDF text
 * read with Apache PDFBox, or plain text), jobs that move through {@code Pending}, {@code InProgress},
 * {@code Completing} to {@code Completed} (or {@code Failed}, or {@code Cancelled}) in simulated time, and the real
 * service's checks: the Bearer key, request validation against the vendored spec (422), rate limits (429), 12-hour
 * retention, and injectable faults.
 *
 * <pre>{@code
 * try (ReductoSimulator simulator = ReductoSimulator.start()) {
 *     ReductoClient client = ReductoClient.builder()
 *             .apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl()).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>URLs given as input are never fetched: register their content with {@link #registerDocument}. Pipelines are
 * registered by id with {@link #registerPipeline}. What the simulator saw is in {@link #counters()}, by
 * {@link SimulatorRoute}; {@link #reset()} forgets what tests did; on a {@code VirtualTimeScheduler},
 * {@link #awaitRequests} says when an advance of virtual time can no longer overtake a request. Thread-safe.
 */
public final class ReductoSimulator implements AutoCloseable {

    /** The API key a simulator accepts unless told otherwise. */
    public static final String DEFAULT_API_KEY = "sim-key";

    private static final String SEEDED_INPUT = "reducto://seeded-document.pdf";
    private static final String SEEDED_CONFIG = "{\"input\":\"" + SEEDED_INPUT + "\"}";
    private static final JsonNode SEEDED_SOURCE = Json.NODES.textNode(SEEDED_INPUT);

    private final Settings settings;
    private final SimulatorCounters counters = new SimulatorCounters();
    private final DocumentStore documents = new DocumentStore();
    private final Map<String, PipelineDefinition> pipelines = new ConcurrentHashMap<>();
    private final JobStore jobs;
    private final ResultStorage storage;
    private final SimulatorHandler handler;
    /** Where documents are read and results built: threads that may block, immune to replaced Schedulers factories. */
    private final Scheduler workers = workers();
    private final LoopResources loops;
    /** The webhook client's connections, made at the first delivery; guarded by {@code this}. */
    private ConnectionProvider webhookConnections;
    private HttpClient webhookClient;
    private boolean closed;
    private final DisposableServer server;
    private final String baseUrl;

    private ReductoSimulator(Settings settings) {
        this.settings = settings;
        // the spec loads on a thread of its own once the server is bound; requests wait for it without blocking
        CompletableFuture<SpecValidation> validation = SpecValidation.loading();
        // each request type's decoder built now rather than by the first requests, on event loops, under its lock
        Json.codec().prepare(ParseRequest.class, ExtractRequest.class, SplitRequest.class, ClassifyRequest.class,
                EditRequest.class, PipelineRequest.class, CiteRequest.class, WebhookConfig.class);
        this.jobs = new JobStore(settings.clock(), settings.retention());
        this.storage = new ResultStorage(settings.clock(), settings.resultUrlLifetime(),
                settings.retention());
        this.loops = LoopResources.create("reducto-simulator", 1,
                Math.max(2, Runtime.getRuntime().availableProcessors()), true);
        Webhooks webhooks = new Webhooks(settings, counters, this::webhookClient);
        String[] base = new String[1];
        this.handler = new SimulatorHandler(settings, counters, jobs, documents, storage, pipelines,
                webhooks, validation, () -> base[0], workers);
        try {
            this.server = HttpServer.create().host("127.0.0.1").port(settings.port()).runOn(loops)
                    .handle(handler::handle).bindNow();
        } catch (RuntimeException e) {
            workers.dispose();
            loops.dispose();
            throw e;
        }
        this.baseUrl = "http://127.0.0.1:" + server.port();
        base[0] = baseUrl;
        SpecValidation.startLoading();
    }

    /**
     * The pool that reads documents and prepares results, off the event loops. A bounded elastic scheduler, whose
     * hand-off of a task (to a {@code ScheduledThreadPoolExecutor}) Reactor's own BlockHound integration allows: the
     * simulator's event loops never wait on a lock of its pool, so it runs under BlockHound with no allowance of its
     * own.
     */
    private static Scheduler workers() {
        int size = Math.max(2, Runtime.getRuntime().availableProcessors());
        return Schedulers.newBoundedElastic(size, Integer.MAX_VALUE, "reducto-simulator-worker", 30, true);
    }

    /**
     * Starts a simulator with default settings on a random port.
     *
     * @return a running simulator; close it to free its port and threads
     */
    public static ReductoSimulator start() {
        return builder().start();
    }

    /**
     * A builder of a simulator with default settings.
     *
     * @return a new builder; nothing starts until {@link Builder#start()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The base URL to give a client, {@code http://127.0.0.1:<port>}.
     *
     * @return the base URL, without a trailing slash
     */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * The port it listens on.
     *
     * @return the bound port, chosen by the system unless {@link Builder#port(int)} fixed one
     */
    public int port() {
        return server.port();
    }

    /**
     * The API key it accepts as {@code Authorization: Bearer <key>}.
     *
     * @return the key; {@value #DEFAULT_API_KEY} unless the builder set another
     */
    public String apiKey() {
        return settings.apiKey();
    }

    /**
     * The {@code whsec_} secret Svix-mode webhooks are signed with.
     *
     * @return the secret given to {@link Builder#svixSecret(String)}, or one generated when the simulator started
     */
    public String svixSecret() {
        return settings.svixSecret();
    }

    /**
     * What the simulator has seen: requests per endpoint, jobs created, faults.
     *
     * @return the live counters, shared and updated as requests arrive; never {@code null}
     */
    public SimulatorCounters counters() {
        return counters;
    }

    /**
     * Makes a URL's content known: a request whose input is {@code url} reads these bytes (the simulator never fetches
     * from the network; an unregistered URL is answered with 400).
     *
     * @param url     the URL exactly as a request will send it; not {@code null}
     * @param content the document's bytes, a PDF or UTF-8 text; not {@code null}
     * @return this simulator, for chaining
     */
    public ReductoSimulator registerDocument(String url, byte[] content) {
        documents.registerUrl(Objects.requireNonNull(url, "url"), Objects.requireNonNull(content, "content"));
        return this;
    }

    /**
     * Stores a document as if uploaded and gives its {@code reducto://} file id.
     *
     * @param fileName the name the upload would have had; its extension becomes part of the file id
     * @param content  the document's bytes; not {@code null}
     * @return the new file id, {@code reducto://} followed by a random UUID and the extension
     */
    public String uploadDocument(String fileName, byte[] content) {
        return documents.put(Objects.requireNonNull(fileName, "fileName"), Objects.requireNonNull(content, "content"));
    }

    /**
     * Makes jobs on an input fail: async jobs end {@code Failed} with {@code reason}, sync calls answer 500 with it.
     *
     * @param input  a URL, a {@code reducto://} file id or a {@code jobid://} reference, exactly as sent
     * @param reason the failure reason the jobs and responses carry; not {@code null}
     * @return this simulator, for chaining
     */
    public ReductoSimulator registerFailingDocument(String input, String reason) {
        documents.registerFailure(Objects.requireNonNull(input, "input"), Objects.requireNonNull(reason, "reason"));
        return this;
    }

    /**
     * Names a pipeline: {@code POST /pipeline} with this {@code pipeline_id} runs {@code definition}.
     *
     * @param pipelineId the id requests send as {@code pipeline_id}; a second registration replaces the first
     * @param definition what the pipeline does; not {@code null}
     * @return this simulator, for chaining
     */
    public ReductoSimulator registerPipeline(String pipelineId, PipelineDefinition definition) {
        pipelines.put(Objects.requireNonNull(pipelineId, "pipelineId"), Objects.requireNonNull(definition, "definition"));
        return this;
    }

    /**
     * What was received for an upload: its size and SHA-256 (of the file's content only, for a multipart upload). Works
     * for every upload; with {@link Builder#discardUploadContent(boolean)} on it is all that is left of one.
     *
     * @param fileId the {@code reducto://} id the upload answered with
     * @return the receipt, or empty when no upload (or no completed presigned upload) has this id
     */
    public Optional<UploadReceipt> receivedUpload(String fileId) {
        DocumentStore.Stored stored = documents.file(Objects.requireNonNull(fileId, "fileId"));
        return stored == null ? Optional.empty() : Optional.of(stored.receipt());
    }

    /**
     * Adds {@code count} jobs that are already {@code Completed}, as if run earlier, for listing tests and benchmarks:
     * nothing is processed and nothing is counted. They are older than every job held, so {@code GET /jobs} lists them
     * after those, newest first, with the same cursor paging as other jobs. Their {@code created_at} values are spread
     * evenly back from the oldest job held (or now) over the retention period, stopping a tenth of it short of expiry so
     * that none expires soon after seeding. Each is a one-page parse of {@code reducto://seeded-document.pdf} with a
     * small {@code raw_config} shared by all; its result ({@code GET /job}) is a parse with no chunks, made when read.
     * A job takes about 300 bytes of heap, so 100,000 take about 30 MB.
     *
     * @param count how many jobs to add, 0 or more
     * @return their ids, newest first
     */
    public List<String> seedCompletedJobs(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative but was " + count);
        }
        Instant now = settings.clock().instant();
        Instant oldest = jobs.oldestCreatedAt();
        Instant newest = oldest == null || oldest.isAfter(now) ? now : oldest;
        Instant limit = now.minus(settings.retention().minus(settings.retention().dividedBy(10)));
        long window = Math.max(0, Duration.between(limit, newest).toNanos());
        long step = count == 0 ? 0 : window / count;
        double duration = Math.round((settings.timePerPage().toNanos() + 2 * settings.queueTime().toNanos()) / 1e6)
                / 1e3;
        String[] ids = new String[count];
        jobs.addOldest(count, (index, sequence) -> {
            String id = Ids.uuid();
            ids[index] = id;
            return Job.seeded(id, sequence, JobType.PARSE, newest.minusNanos(step * (index + 1L)), SEEDED_CONFIG,
                    SEEDED_SOURCE, 1, duration);
        });
        return List.of(ids);
    }

    /**
     * How many jobs are retained (not yet expired or swept).
     *
     * @return the number of jobs held now, seeded ones included
     */
    public int retainedJobs() {
        return jobs.size();
    }

    /**
     * Forgets what tests did, keeping what configures the simulator: cancels and forgets every job (seeded ones too),
     * forgets uploads and stored results, sets the counters to zero and refills the rate limits. Documents registered
     * for URLs ({@link #registerDocument}), inputs registered to fail ({@link #registerFailingDocument}), pipelines
     * ({@link #registerPipeline}) and the builder's settings stay. A request in flight during a reset may see either
     * state; a long poll held on a job is answered with {@code Cancelled}.
     *
     * @return this simulator, for chaining
     */
    public ReductoSimulator reset() {
        jobs.clear();
        documents.forgetUploads();
        storage.clear();
        handler.resetRateLimits();
        counters.reset();
        return this;
    }

    /**
     * Blocks the calling thread, without sleeping, until {@code count} requests of {@code route} have been taken in
     * since the simulator started or was {@linkplain #reset() reset}. A request is taken in once the simulator has
     * answered it, or holds it: a long poll ({@code GET /job/{id}?timeout=}) is taken in once it waits with both its
     * wake-ups registered (the job's next change and its timeout on the scheduler); a request that creates a job, once
     * the job exists with its first timer registered (a synchronous one is then held until the job ends).
     *
     * <p>This is what makes virtual time deterministic: advance the scheduler only after the request that should see
     * the advance has been taken in, and the advance cannot overtake it. Every job step an advance makes due runs in
     * that advance, and registers its next timer, before a later advance takes effect. Call it from the test's thread
     * (inside {@code StepVerifier}'s {@code then(...)}), never from a non-blocking thread: it blocks.
     *
     * <pre>{@code
     * StepVerifier.withVirtualTime(() -> client.awaitCompletion(jobId).map(JobUpdate::status), () -> time, Long.MAX_VALUE)
     *         .expectNext(JobStatus.PENDING)                                   // the first poll, answered at once
     *         .then(() -> simulator.awaitRequests(SimulatorRoute.GET_JOB, 2))  // the first long poll, held
     *         .thenAwait(queueTime)
     *         .expectNext(JobStatus.IN_PROGRESS)
     *         ...
     * }</pre>
     *
     * @param route the route; not {@code null}
     * @param count how many requests of it to wait for, counted from the start or the last reset
     * @return this simulator, for chaining
     * @throws AssertionError when they have not been taken in within 30 seconds of real time
     */
    public ReductoSimulator awaitRequests(SimulatorRoute route, long count) {
        counters.awaitTakenIn(Objects.requireNonNull(route, "route").key(), count, Duration.ofSeconds(30));
        return this;
    }

    /** Stops the server, cancels running jobs and frees its threads. Idempotent. */
    @Override
    public void close() {
        jobs.cancelAll();
        server.disposeNow(Duration.ofSeconds(5));
        workers.dispose();
        synchronized (this) {
            closed = true;
            if (webhookConnections != null) {
                webhookConnections.dispose();
            }
        }
        loops.dispose();
    }

    /** The client webhooks are delivered with, made at the first delivery (most simulators deliver none). */
    private synchronized HttpClient webhookClient() {
        if (webhookClient == null) {
            if (closed) {
                throw new IllegalStateException("the simulator is closed");
            }
            // deliveries beyond the pool's connections wait for one rather than fail: a burst of finished jobs
            // must not cost webhooks (the default bound on waiting acquires, twice the connections, did)
            webhookConnections = ConnectionProvider.builder("reducto-simulator-webhooks").maxConnections(32)
                    .pendingAcquireMaxCount(-1).build();
            webhookClient = HttpClient.create(webhookConnections).runOn(loops).responseTimeout(Duration.ofSeconds(10));
        }
        return webhookClient;
    }

    /** The same as {@link #close()}. */
    public void stop() {
        close();
    }

    @Override
    public String toString() {
        return "ReductoSimulator{" + baseUrl + "}";
    }

    /** Builds and starts {@link ReductoSimulator}s. Every setting has a default; see each method. */
    public static final class Builder {
        private final Settings.Builder settings = Settings.builder();

        private Builder() {
        }

        /**
         * The API key to accept. Default {@value ReductoSimulator#DEFAULT_API_KEY}.
         *
         * @param apiKey the key to accept; not blank
         * @return this builder
         * @throws IllegalArgumentException when {@code apiKey} is {@code null} or blank
         */
        public Builder apiKey(String apiKey) {
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank");
            }
            settings.apiKey(apiKey);
            return this;
        }

        /**
         * The port; 0 (the default) picks a free one.
         *
         * @param port from 0 to 65535
         * @return this builder
         * @throws IllegalArgumentException when {@code port} is outside 0 to 65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in [0, 65535] but was " + port);
            }
            settings.port(port);
            return this;
        }

        /**
         * Simulated processing time per page, spent InProgress. Default 10 ms.
         *
         * @param time the time per page; zero or more
         * @return this builder
         */
        public Builder processingTimePerPage(Duration time) {
            settings.timePerPage(nonNegative(time, "processingTimePerPage"));
            return this;
        }

        /**
         * Time a job spends Pending before it starts, and Completing before it completes. Default 2 ms.
         *
         * @param time the time in each of the two states; zero or more
         * @return this builder
         */
        public Builder queueTime(Duration time) {
            settings.queueTime(nonNegative(time, "queueTime"));
            return this;
        }

        /**
         * Where job delays and long-poll timeouts run, and the time source of rate limits and progress. Default
         * {@link Schedulers#parallel()}; a {@code VirtualTimeScheduler} makes jobs advance only with virtual time
         * (see {@link ReductoSimulator#awaitRequests} for advancing it deterministically).
         *
         * @param scheduler the scheduler, such as a test's {@code VirtualTimeScheduler}; not {@code null}
         * @return this builder
         */
        public Builder scheduler(Scheduler scheduler) {
            settings.scheduler(Objects.requireNonNull(scheduler, "scheduler"));
            return this;
        }

        /**
         * The clock of {@code created_at}, retention and result URL expiry. Default UTC system clock.
         *
         * @param clock the wall clock of the simulated service; not {@code null}
         * @return this builder
         */
        public Builder clock(Clock clock) {
            settings.clock(Objects.requireNonNull(clock, "clock"));
            return this;
        }

        /**
         * How long jobs and results are kept; older jobs are answered with 404. Default 12 hours.
         *
         * @param retention how long a job is kept after it is created; zero or more
         * @return this builder
         */
        public Builder retention(Duration retention) {
            settings.retention(nonNegative(retention, "retention"));
            return this;
        }

        /**
         * Parse results whose JSON is larger than this are delivered as a {@code UrlResult} (served by the simulator
         * under {@code /_results/}, without the key). Default 6,000,000 bytes, like production.
         *
         * @param bytes the largest result JSON returned inline, in bytes; 0 or more (0 sends every parse result as a
         *              URL)
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is negative
         */
        public Builder urlResultThreshold(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("urlResultThreshold must not be negative but was " + bytes);
            }
            settings.urlResultThreshold(bytes);
            return this;
        }

        /**
         * How long result URLs stay valid before storage answers 403 "Request has expired". Default 1 hour.
         *
         * @param lifetime how long a result URL is valid after it is made; zero or more
         * @return this builder
         */
        public Builder resultUrlLifetime(Duration lifetime) {
            settings.resultUrlLifetime(nonNegative(lifetime, "resultUrlLifetime"));
            return this;
        }

        /**
         * Requests per second per API key before 429 {@code [CODE 1000]}; 0 (the default) means no limit. Production
         * allows 1,000.
         *
         * @param perSecond the limit, zero (none) or a positive finite number
         * @return this builder
         * @throws IllegalArgumentException when {@code perSecond} is negative, NaN or infinite
         */
        public Builder rateLimit(double perSecond) {
            settings.rateLimit(positiveOrZero(perSecond, "rateLimit"));
            return this;
        }

        /**
         * {@code GET /job} requests per second per key before 429 {@code [CODE 2000]}; 0 (the default) means no
         * limit. Production allows 200.
         *
         * @param perSecond the limit, zero (none) or a positive finite number
         * @return this builder
         * @throws IllegalArgumentException when {@code perSecond} is negative, NaN or infinite
         */
        public Builder jobPollRateLimit(double perSecond) {
            settings.jobPollRateLimit(positiveOrZero(perSecond, "jobPollRateLimit"));
            return this;
        }

        /**
         * Whether 429s carry a {@code Retry-After} header with the wait until a request would pass. Default
         * {@code true}; {@code false} answers like the production service has been seen to, with the code alone.
         *
         * @param retryAfter {@code true} to send {@code Retry-After}, {@code false} to send the code alone
         * @return this builder
         */
        public Builder rateLimitRetryAfter(boolean retryAfter) {
            settings.rateLimitRetryAfter(retryAfter);
            return this;
        }

        /**
         * Production's limits: 1,000 requests/s per key, 200 job polls/s.
         *
         * @return this builder, with both rate limits set
         */
        public Builder productionRateLimits() {
            return rateLimit(1000).jobPollRateLimit(200);
        }

        /**
         * Faults to inject. Default none.
         *
         * @param faults the faults and the endpoints they apply to; not {@code null}
         * @return this builder
         */
        public Builder faults(FaultInjection faults) {
            settings.faults(Objects.requireNonNull(faults, "faults"));
            return this;
        }

        /**
         * The largest request body accepted (uploads are held in memory). Default 512 MiB. Does not apply to uploads
         * when {@link #discardUploadContent(boolean)} is on.
         *
         * @param bytes the limit in bytes, positive; a larger body is answered with 413
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is not positive
         */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive but was " + bytes);
            }
            settings.maxBodyBytes(bytes);
            return this;
        }

        /**
         * Whether uploads are streamed through without being kept, for upload benchmarks and very large files. When on,
         * {@code POST /upload} with a multipart {@code file} and the presigned flow's {@code PUT} read the body as it
         * arrives, count and hash (SHA-256) the file's content, and answer as usual with a new {@code file_id}; memory
         * stays flat whatever the size, and {@link #maxBodyBytes(long)} does not apply to them. What was received is
         * in {@link ReductoSimulator#receivedUpload(String)}. Such files have no content: a job on one fails, saying
         * that it was discarded. Default off: uploads are kept in memory and can be processed.
         *
         * @param discard {@code true} to count and hash uploads instead of keeping them
         * @return this builder
         */
        public Builder discardUploadContent(boolean discard) {
            settings.discardUploadContent(discard);
            return this;
        }

        /**
         * How {@code GET /job/{id}?timeout=s} holds a request: until the job's next status change (the default, so
         * a client sees {@code InProgress} and {@code Completing} too), or with {@code true} until the job finishes.
         * The real service does not document which it does; a client should work with both, and benchmarks can count
         * requests under each.
         *
         * @param untilFinished {@code true} to hold a long poll until the job is terminal, {@code false} to hold it
         *                      until the next change
         * @return this builder
         */
        public Builder longPollUntilFinished(boolean untilFinished) {
            settings.longPollUntilFinished(untilFinished);
            return this;
        }

        /**
         * What {@code GET /version} answers.
         *
         * @param version the text to answer with; default {@code v1.11.57-simulator}
         * @return this builder
         */
        public Builder version(String version) {
            settings.version(Objects.requireNonNull(version, "version"));
            return this;
        }

        /**
         * Where Svix-mode webhooks ({@code async.webhook.mode = "svix"}) are delivered, as the Svix portal would route
         * them; signed with {@link #svixSecret(String)} or a generated secret ({@link ReductoSimulator#svixSecret()}).
         * Direct-mode webhooks go to the URL in the request and need no setting.
         *
         * @param url the endpoint that receives Svix-mode webhooks; without one they are not sent
         * @return this builder
         */
        public Builder svixEndpoint(String url) {
            Objects.requireNonNull(url, "url");
            settings.svixUrl(() -> url);
            return this;
        }

        /**
         * Where Svix-mode webhooks are delivered, asked at each delivery: for a receiver whose address is known only
         * after the simulator has started, such as a web application on a random port. See
         * {@link #svixEndpoint(String)}.
         *
         * @param url gives the endpoint's URL; asked at each delivery on the simulator's threads, so it should answer
         *            at once; not {@code null}
         * @return this builder
         */
        public Builder svixEndpoint(Supplier<String> url) {
            settings.svixUrl(Objects.requireNonNull(url, "url"));
            return this;
        }

        /**
         * The {@code whsec_<base64>} secret Svix-mode webhooks are signed with.
         *
         * @param secret the signing secret; not {@code null}
         * @return this builder
         */
        public Builder svixSecret(String secret) {
            settings.svixSecret(Objects.requireNonNull(secret, "secret"));
            return this;
        }

        /**
         * Starts the simulator; it serves until {@link ReductoSimulator#close()}.
         *
         * @return the running simulator, bound to {@code 127.0.0.1}
         */
        public ReductoSimulator start() {
            return new ReductoSimulator(settings.build());
        }

        private static Duration nonNegative(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative but was " + value);
            }
            return value;
        }

        private static double positiveOrZero(double value, String name) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " must be zero or a positive number but was " + value);
            }
            return value;
        }
    }
}
