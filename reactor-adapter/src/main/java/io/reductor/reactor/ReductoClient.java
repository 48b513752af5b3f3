package io.reductor.reactor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.reductor.core.error.JobFailedException;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.error.ResponseTooLargeException;
import io.reductor.core.error.ResultDownloadException;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.cite.CiteRequest;
import io.reductor.core.model.cite.CiteResponse;
import io.reductor.core.model.job.GetJobRequest;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.job.JobsPage;
import io.reductor.core.model.job.ListJobsRequest;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.parse.UrlResult;
import io.reductor.core.model.upload.Upload;
import io.reductor.reactor.internal.AdaptiveLimit;
import io.reductor.reactor.internal.ApiKey;
import io.reductor.reactor.internal.Call;
import io.reductor.reactor.internal.ClientContext;
import io.reductor.reactor.internal.ClosableExchange;
import io.reductor.reactor.internal.CodecWarmUp;
import io.reductor.reactor.internal.Endpoints;
import io.reductor.reactor.internal.HttpExchange;
import io.reductor.reactor.internal.MicrometerTelemetry;
import io.reductor.reactor.internal.NettyClients;
import io.reductor.reactor.internal.RatePacer;
import io.reductor.reactor.internal.Telemetry;
import io.reductor.reactor.internal.Transport;
import io.reductor.reactor.internal.UrlRule;
import io.reductor.reactor.webhook.WebhookHub;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.net.ssl.TrustManagerFactory;

/**
 * The Reducto API as cold {@link Mono}s over Reactor Netty. Nothing happens until a {@code Mono} is subscribed, each
 * subscription sends the request again, and cancelling a subscription aborts the exchange and frees its connection.
 *
 * <pre>{@code
 * ReductoClient client = ReductoClient.create();            // REDUCTO_API_KEY, REDUCTO_BASE_URL
 * Mono<ParseResponse> parsed = client.parse()
 *         .run(ParseRequest.builder().input(DocumentInput.url(url)).build())
 *         .map(RunResult::response);
 * }</pre>
 *
 * <p>The client is immutable and thread-safe; share one per application. {@link #withOptions} derives a client with
 * other timeouts, retries or headers that shares the same connections.
 *
 * <p>Every call ends with its value or one of these {@link io.reductor.core.error.ReductoException}s, whatever the
 * service (or a proxy in its place) answers:
 * <ul>
 *   <li>a {@link io.reductor.core.error.ReductoApiException} subclass for a non-2xx status, chosen by the status
 *       (an unknown 5xx, such as 599, is an {@code InternalServerException}; another unknown status an
 *       {@code UnexpectedStatusException});</li>
 *   <li>{@link ReductoDecodeException} for a 2xx body that is not the expected JSON: empty, an HTML page, cut short,
 *       invalid UTF-8, {@code NaN}, nested too deep, or a value of the wrong type (a UTF-8 byte-order mark is skipped,
 *       and of duplicate keys the last one counts, as in the official SDKs); it names the call or the JSON path;</li>
 *   <li>{@link ResponseTooLargeException} for a body over {@link Builder#maxResponseBytes(long) maxResponseBytes},
 *       counted after gzip is inflated, found before more than that is held in memory;</li>
 *   <li>{@link io.reductor.core.error.ReductoTimeoutException} when the response does not arrive or stalls for the
 *       response timeout (between reads), or the total timeout runs out;</li>
 *   <li>{@link io.reductor.core.error.ReductoConnectionException} when the connection is refused, reset or closed
 *       before the response is complete, or the response is not readable HTTP (headers over 64 KiB included);</li>
 *   <li>{@link io.reductor.core.error.JobCreationUncertainException} instead of either of the last two for a call that
 *       creates a job, which is not sent again (see {@link RetryPolicy}).</li>
 * </ul>
 * A connection whose answer was cut off, over-long or otherwise out of step is closed rather than reused.
 */
public final class ReductoClient implements AutoCloseable {

    /** The environment variable holding the API key. */
    public static final String API_KEY_VARIABLE = "REDUCTO_API_KEY";

    /** The environment variable holding a base URL; blank means the default. */
    public static final String BASE_URL_VARIABLE = "REDUCTO_BASE_URL";

    /** The Reductor version, from the build. */
    public static final String VERSION = NettyClients.VERSION;

    private final ClientContext context;
    private final ParseClient parse;
    private final ExtractClient extract;
    private final SplitClient split;
    private final EditClient edit;
    private final PipelineClient pipeline;
    private final ClassifyClient classify;

    private ReductoClient(ClientContext context) {
        this.context = context;
        this.parse = new ParseClient(context);
        this.extract = new ExtractClient(context);
        this.split = new SplitClient(context);
        this.edit = new EditClient(context);
        this.pipeline = new PipelineClient(context);
        this.classify = new ClassifyClient(context);
    }

    /**
     * A client configured from the environment: {@value #API_KEY_VARIABLE} (required) and {@value #BASE_URL_VARIABLE}
     * (optional, blank means {@link ReductoEnvironment#PRODUCTION}), with default settings.
     *
     * @return a new client with its own connection pool; close it when the application stops
     * @throws IllegalStateException when {@value #API_KEY_VARIABLE} is not set
     */
    public static ReductoClient create() {
        return builder().fromEnvironment().build();
    }

    /**
     * A builder with default settings and no API key.
     *
     * @return a new builder; {@link Builder#build()} fails until an API key is given or found in the environment
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client that applies {@code overrides} on top of this client's options; this client is unchanged.
     *
     * @param overrides the options to apply; values it leaves unset keep this client's, and headers are merged
     * @return a client sharing this client's connection pool, so closing either one closes it for both
     */
    public ReductoClient withOptions(RequestOptions overrides) {
        return new ReductoClient(context.withOptions(Objects.requireNonNull(overrides, "overrides")));
    }

    /**
     * The options in effect: the client's defaults with any overrides applied.
     *
     * @return the client's options merged with any overrides; its timeouts may be {@code null}, meaning the
     *         per-endpoint defaults of the builder
     */
    public RequestOptions options() {
        return context.options();
    }

    /**
     * Parsing: {@code POST /parse} and {@code /parse_async}.
     *
     * @return the parse client, sharing this client's connections and options
     */
    public ParseClient parse() {
        return parse;
    }

    /**
     * Extraction: {@code POST /extract} and {@code /extract_async}.
     *
     * @return the extract client, sharing this client's connections and options
     */
    public ExtractClient extract() {
        return extract;
    }

    /**
     * Splitting: {@code POST /split} and {@code /split_async}.
     *
     * @return the split client, sharing this client's connections and options
     */
    public SplitClient split() {
        return split;
    }

    /**
     * Editing and form filling: {@code POST /edit} and {@code /edit_async}.
     *
     * @return the edit client, sharing this client's connections and options
     */
    public EditClient edit() {
        return edit;
    }

    /**
     * Pipelines configured in Reducto Studio: {@code POST /pipeline} and {@code /pipeline_async}.
     *
     * @return the pipeline client, sharing this client's connections and options
     */
    public PipelineClient pipeline() {
        return pipeline;
    }

    /**
     * Classification: {@code POST /classify}.
     *
     * @return the classify client, sharing this client's connections and options
     */
    public ClassifyClient classify() {
        return classify;
    }

    /**
     * Uploads a document ({@code POST /upload}) and gives its {@code reducto://} file id, usable as the input of later
     * requests. Documents larger than the {@linkplain Builder#directUploadLimit direct-upload limit} go through the
     * presigned-URL flow automatically (the bytes are {@code PUT} to storage without the API key, over {@code https}
     * only). Files are streamed from disk in 64 KiB chunks off the event loop. Uploads are not billed, so they are
     * retried by the retry policy, except from a one-shot {@link UploadSource#of(Flux, long, String) stream}.
     *
     * @param source the document: a file, bytes, or a one-shot stream with its length; not {@code null}
     * @return the service's answer; after a presigned upload its {@code presignedUrl} is {@code null} (spent, and a
     *         credential)
     */
    public Mono<Upload> upload(UploadSource source) {
        return context.uploader().upload(context.contentOf(Objects.requireNonNull(source, "source")));
    }

    /**
     * Uploads a file; the same as {@code upload(UploadSource.of(file))}.
     *
     * @param file a readable regular file; its name's extension tells the service the document type
     * @return the service's answer, as for {@link #upload(UploadSource)}
     */
    public Mono<Upload> upload(Path file) {
        return upload(UploadSource.of(file));
    }

    /**
     * Uploads a document like {@link #upload(UploadSource)}, emitting {@link UploadEvent.Progress} events as the
     * document's bytes are handed to the connection (never decreasing; latest-only for a slow subscriber) and
     * {@link UploadEvent.Completed} last. Cancelling aborts the upload and stops reading the file.
     *
     * @param source the document to upload; not {@code null}
     * @return progress events, then one {@link UploadEvent.Completed} holding the {@link Upload}; fails as
     *         {@link #upload(UploadSource)} does
     */
    public Flux<UploadEvent> uploadWithProgress(UploadSource source) {
        return context.uploader().uploadWithProgress(context.contentOf(Objects.requireNonNull(source, "source")));
    }

    /**
     * Locates text in an earlier parse ({@code POST /cite}).
     *
     * @param request the text to find and the parse to find it in; not {@code null}
     * @return where the text was found in the parsed document
     */
    public Mono<CiteResponse> cite(CiteRequest request) {
        Objects.requireNonNull(request, "request");
        return context.endpoints().post("/cite", request, CiteResponse.class, Call.Safety.REPEATABLE,
                Endpoints.Kind.PROCESSING);
    }

    /**
     * Sets up Svix webhook delivery and gives the URL of the portal where endpoints are configured.
     *
     * @return the portal URL, to open in a browser; each subscription asks the service again
     */
    public Mono<String> configureWebhook() {
        return context.endpoints().postWithoutBody("/configure_webhook")
                .map(result -> context.codec().decode(result.body(), String.class));
    }

    /**
     * The version of the API server ({@code GET /version}).
     *
     * @return the version string exactly as the server reports it
     */
    public Mono<String> version() {
        return context.endpoints().get("/version", Map.of(), String.class);
    }

    /**
     * A job's status, progress and, once finished, its result ({@code GET /job/{job_id}}).
     *
     * @param jobId the id given when the job was submitted; not blank, no surrounding whitespace
     * @return the job as the service reports it at the moment of the request
     * @throws IllegalArgumentException when {@code jobId} is {@code null}, blank or padded with whitespace
     */
    public Mono<JobResponse> getJob(String jobId) {
        return getJob(GetJobRequest.of(jobId));
    }

    /**
     * A job's status, letting the server hold the request up to the request's long-poll timeout while the job runs.
     * The per-attempt response timeout is stretched to cover the long poll.
     *
     * @param request the job id and, optionally, how long the server may hold the request; not {@code null}
     * @return the job when it finishes or when the long-poll timeout passes, whichever comes first
     */
    public Mono<JobResponse> getJob(GetJobRequest request) {
        return context.jobs().get(request);
    }

    /**
     * Asks the service to cancel a job ({@code POST /cancel/{job_id}}); completes when the service accepted.
     *
     * @param jobId the id of a job; not blank, no surrounding whitespace
     * @return a {@code Mono} that completes empty once the service accepted the cancellation
     * @throws IllegalArgumentException when {@code jobId} is {@code null}, blank or padded with whitespace
     */
    public Mono<Void> cancelJob(String jobId) {
        return context.jobs().cancel(jobId);
    }

    /**
     * Every job of the account, newest first as the service lists them, over {@code GET /jobs} cursor pages of 100.
     * A page is fetched only when the jobs before it have been consumed and more are requested: {@code take(150)}
     * costs two requests. Cold: each subscription lists from the start.
     *
     * @return the jobs, most recent first, fetched page by page as they are requested
     */
    public Flux<JobSummary> jobs() {
        return jobs(ListJobsRequest.firstPage());
    }

    /**
     * Jobs from the page {@code request} describes on (page size, starting cursor, {@code exclude_configs}).
     *
     * @param request the page size, the cursor to start from and whether configs are left out; not {@code null}
     * @return the jobs from that page on, fetched page by page as they are requested
     */
    public Flux<JobSummary> jobs(ListJobsRequest request) {
        return context.jobs().jobs(request);
    }

    /**
     * The pages themselves, each with its jobs and {@code next_cursor}: persist a page's cursor to resume later with
     * {@code request.withCursor(cursor)}. Fails with {@code PaginationException} when the service repeats a cursor.
     *
     * @param request the first page to fetch; later pages follow each page's {@code next_cursor}
     * @return the pages, one request each, fetched as they are requested; completes after the page without a cursor
     */
    public Flux<JobsPage> jobPages(ListJobsRequest request) {
        return context.jobs().pages(request);
    }

    /**
     * One page of {@code GET /jobs}.
     *
     * @param request the page size, the cursor and whether configs are left out; not {@code null}
     * @return the page, holding the cursor of the next one, or none when it is the last
     */
    public Mono<JobsPage> listJobs(ListJobsRequest request) {
        return context.jobs().page(request);
    }

    /**
     * The status transitions of a job until it finishes: one {@link JobUpdate} for the first status, asked for
     * without holding so that it arrives at once ({@code Pending} included), and one per change, found by long polls
     * by default; the last carries the result or the failure reason. See {@link AwaitOptions}.
     *
     * @param jobId the id of a submitted job
     * @return one update per status, completing after the terminal one; cold, so each subscription waits anew
     */
    public Flux<JobUpdate> awaitCompletion(String jobId) {
        return awaitCompletion(jobId, AwaitOptions.defaults());
    }

    /**
     * The status transitions of a job until it finishes, waiting as {@code options} say.
     *
     * @param jobId   the id of a submitted job
     * @param options how to wait (long polls or polls, intervals, the deadline, what cancelling does); not {@code null}
     * @return one update per status, completing after the terminal one
     */
    public Flux<JobUpdate> awaitCompletion(String jobId, AwaitOptions options) {
        return context.jobs().watch(jobId, options);
    }

    /**
     * The result of a job once it completes; fails with {@link JobFailedException} when the job fails or is
     * cancelled.
     *
     * @param jobId the id of a submitted job
     * @return the job's result once it completed; a {@code UrlResult} stays a URL unless the client was built with
     *         {@link Builder#resolveUrlResults(boolean)}
     */
    public Mono<JobResult> awaitResult(String jobId) {
        return awaitResult(jobId, AwaitOptions.defaults());
    }

    /**
     * The result of a job once it completes, waiting as {@code options} say.
     *
     * @param jobId   the id of a submitted job
     * @param options how to wait; not {@code null}
     * @return the job's result once it completed; fails with {@link JobFailedException} when the job fails or is
     *         cancelled
     */
    public Mono<JobResult> awaitResult(String jobId, AwaitOptions options) {
        return context.jobs().awaitResult(jobId, options);
    }

    /**
     * Downloads the full result behind a URL result ({@code GET} of its presigned URL, without the API key, over
     * {@code https} only), decoding it as it streams in. Cold: each subscription downloads again. Retried like any
     * read by the client's policy.
     *
     * @param result a URL result from a parse response or a finished job
     * @return the result; fails with {@link ResultDownloadException} when the storage refuses
     *         (see {@code expired()}: fetch the job again for a fresh URL), with
     *         {@link ResponseTooLargeException} over
     *         {@link Builder#maxResultBytes(long) maxResultBytes}, and with
     *         {@link ReductoDecodeException} when the body is not a whole {@code FullResult}
     * @throws NullPointerException when {@code result} is {@code null}
     */
    public Mono<FullResult> resolve(UrlResult result) {
        return context.resolver().resolve(Objects.requireNonNull(result, "result"));
    }

    /**
     * A parse response with its result in full: {@code response} itself when its result is not a URL result,
     * otherwise a copy whose {@code result} is the downloaded {@link FullResult}; see {@link #resolve(UrlResult)}.
     *
     * @param response a parse response, whether or not its result is a URL result
     * @return the response with a {@link FullResult}; fails as {@link #resolve(UrlResult)} does
     * @throws NullPointerException when {@code response} is {@code null}
     */
    public Mono<ParseResponse> resolve(ParseResponse response) {
        return context.resolver().resolve(Objects.requireNonNull(response, "response"));
    }

    /**
     * Closes the client: calls made from now on fail at once with {@link IllegalStateException} (calls in flight go
     * on), and the connection pool the client created closes once in-flight exchanges end; a pool of an
     * {@linkplain Builder#httpClient shared HttpClient} is left alone. Clients derived with {@link #withOptions} share
     * the pool and are closed with it, so close only the one you built.
     *
     * @return completes when the pool is closed
     */
    public Mono<Void> disposeLater() {
        return context.disposeLater();
    }

    /** Closes the client without waiting for the pool; see {@link #disposeLater()}. */
    @Override
    public void close() {
        context.close();
    }

    /** Never shows the API key. */
    @Override
    public String toString() {
        return "ReductoClient[" + context + "]";
    }

    /**
     * Configures a {@link ReductoClient}. The API key is required; everything else has defaults.
     */
    public static final class Builder {
        private String apiKey;
        private URI baseUrl;
        private ReductoEnvironment environment;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration processingTimeout = Duration.ofSeconds(960);
        private Duration defaultTimeout = Duration.ofSeconds(60);
        private int maxConnections = 64;
        private long maxResponseBytes = 64L * 1024 * 1024;
        private long directUploadLimit = 100_000_000L;
        private boolean resolveUrlResults;
        private long maxResultBytes = 2L * 1024 * 1024 * 1024;
        private RequestOptions.Builder options = RequestOptions.builder().retryPolicy(RetryPolicy.defaults());
        private Supplier<Scheduler> scheduler = Schedulers::parallel;
        private Clock clock = Clock.systemUTC();
        private HttpClient httpClient;
        private Function<String, String> environmentVariables;
        private boolean wiretap;
        private HttpExchange exchange;
        private TrustManagerFactory trustManagers;
        private WebhookHub webhookHub;
        private RequestPacer pacer;
        private KeyLimits keyLimits;
        private ObservationRegistry observationRegistry;
        private MeterRegistry meterRegistry;

        private Builder() {
        }

        /**
         * The API key, sent as {@code Authorization: Bearer}.
         *
         * @param apiKey the key from Reducto Studio; not {@code null}, and {@link #build()} refuses a blank one
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /**
         * The API's base URL, for example a proxy or a local simulator. {@code http://} is accepted only for loopback
         * hosts. Cannot be combined with {@link #environment}.
         *
         * @param baseUrl an absolute URL without query or fragment, such as {@code https://platform.reducto.ai}; a
         *                trailing slash is dropped
         * @return this builder
         * @throws IllegalArgumentException when {@code baseUrl} is not a valid URL
         */
        public Builder baseUrl(String baseUrl) {
            return baseUrl(parseBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl"), "baseUrl"));
        }

        /**
         * The API's base URL; see {@link #baseUrl(String)}.
         *
         * @param baseUrl an absolute URL without query or fragment; checked by {@link #build()}
         * @return this builder
         */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /**
         * The Reducto region. Cannot be combined with {@link #baseUrl}.
         *
         * @param environment the region whose base URL to use; not {@code null}
         * @return this builder
         */
        public Builder environment(ReductoEnvironment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Takes the API key and base URL from {@value #API_KEY_VARIABLE} and {@value #BASE_URL_VARIABLE}.
         *
         * @return this builder; a key or base URL given to the builder takes precedence, and blank variables count as
         *         unset
         */
        public Builder fromEnvironment() {
            return fromEnvironment(System::getenv);
        }

        Builder fromEnvironment(Function<String, String> variables) {
            this.environmentVariables = Objects.requireNonNull(variables, "variables");
            return this;
        }

        /**
         * How long to wait for a TCP connection. Default 10 s.
         *
         * @param connectTimeout how long to wait for a connection to be established; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code connectTimeout} is zero or negative
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = RequestOptions.Builder.positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * The default per-attempt response timeout of the synchronous processing endpoints (parse, extract, split,
         * edit, pipeline, classify, cite). Default 960 s: the server's own 900 s limit plus a margin.
         *
         * @param processingTimeout the longest wait for a response of a processing call; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code processingTimeout} is zero or negative
         */
        public Builder processingTimeout(Duration processingTimeout) {
            this.processingTimeout = RequestOptions.Builder.positive(processingTimeout, "processingTimeout");
            return this;
        }

        /**
         * The default per-attempt response timeout of every other call. Default 60 s.
         *
         * @param defaultTimeout the longest wait for a response of any other call; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code defaultTimeout} is zero or negative
         */
        public Builder defaultTimeout(Duration defaultTimeout) {
            this.defaultTimeout = RequestOptions.Builder.positive(defaultTimeout, "defaultTimeout");
            return this;
        }

        /**
         * A per-attempt response timeout for every call, overriding both defaults.
         *
         * @param responseTimeout the longest wait of one attempt for the server between reads; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code responseTimeout} is zero or negative
         */
        public Builder responseTimeout(Duration responseTimeout) {
            options.responseTimeout(responseTimeout);
            return this;
        }

        /**
         * A limit on each call across all its attempts and backoffs. None by default.
         *
         * @param totalTimeout the longest a call may take, retries and backoffs included; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code totalTimeout} is zero or negative
         */
        public Builder totalTimeout(Duration totalTimeout) {
            options.totalTimeout(totalTimeout);
            return this;
        }

        /**
         * The retry policy. Default {@link RetryPolicy#defaults()}.
         *
         * @param retryPolicy the policy, such as {@link RetryPolicy#none()}; not {@code null}
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            options.retryPolicy(retryPolicy);
            return this;
        }

        /**
         * A header sent with every request.
         *
         * @param name  the header name, case-insensitive; not {@code Authorization} or {@code Proxy-Authorization}
         * @param value the header value; not {@code null}
         * @return this builder
         * @throws IllegalArgumentException when {@code name} is one of the authorization headers
         */
        public Builder header(String name, String value) {
            options.header(name, value);
            return this;
        }

        /**
         * The {@code user-id} header sent with every request.
         *
         * @param userId the end user on whose behalf requests are made; not {@code null}
         * @return this builder
         */
        public Builder userId(String userId) {
            options.userId(userId);
            return this;
        }

        /**
         * The size of the connection pool. Default 64. Ignored when an {@link #httpClient} is given.
         *
         * @param maxConnections the most connections open at once; at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code maxConnections} is less than 1
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1 but was " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * The largest response body read into memory, counted after gzip is inflated; a larger one fails the call
         * with {@link ResponseTooLargeException} (not retried) before more than this is held. Default 64 MiB.
         *
         * @param maxResponseBytes the limit in bytes; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code maxResponseBytes} is not positive
         */
        public Builder maxResponseBytes(long maxResponseBytes) {
            if (maxResponseBytes < 1) {
                throw new IllegalArgumentException("maxResponseBytes must be positive but was " + maxResponseBytes);
            }
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /**
         * Uploads larger than this use the presigned-URL flow ({@code /upload} without a file, then a {@code PUT} of
         * the bytes to storage). Default 100 MB, the API's limit for direct uploads.
         *
         * @param bytes the largest upload sent directly, in bytes; 0 sends every upload through the presigned URL
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is negative
         */
        public Builder directUploadLimit(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("directUploadLimit must not be negative but was " + bytes);
            }
            this.directUploadLimit = bytes;
            return this;
        }

        /**
         * Whether parse results the service delivers as a URL ({@code UrlResult}, for results near 6 MB and more) are
         * downloaded and decoded automatically, so callers always see a {@code FullResult}. Off by default.
         *
         * @param resolve {@code true} to download URL results, {@code false} to hand them over as they are
         * @return this builder
         */
        public Builder resolveUrlResults(boolean resolve) {
            this.resolveUrlResults = resolve;
            return this;
        }

        /**
         * The largest result body downloaded from a result URL; it is decoded as it streams in. Default 2 GiB.
         *
         * @param bytes the limit in bytes; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is not positive
         */
        public Builder maxResultBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxResultBytes must be positive but was " + bytes);
            }
            this.maxResultBytes = bytes;
            return this;
        }

        /**
         * Where backoff delays and total timeouts run, obtained per subscription. Tests pass
         * {@code VirtualTimeScheduler::get}-style suppliers or rely on {@code StepVerifier.withVirtualTime}, which
         * replaces the default {@link Schedulers#parallel()}.
         *
         * @param scheduler gives the scheduler to use, asked once per subscription; not {@code null}
         * @return this builder
         */
        public Builder scheduler(Supplier<Scheduler> scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * The clock for {@code Retry-After} dates. Default UTC system clock.
         *
         * @param clock the clock that {@code Retry-After} dates are compared with; not {@code null}
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Logs every byte sent and received at DEBUG on the logger {@code io.reductor.wire}, as text, with the
         * API key replaced by {@code [REDACTED]}. Off by default. Reactor Netty's own wiretap is always switched off,
         * also on a client given to {@link #httpClient}, because it would print the key.
         *
         * @param wiretap {@code true} to log the redacted wire traffic
         * @return this builder
         */
        public Builder wiretap(boolean wiretap) {
            this.wiretap = wiretap;
            return this;
        }

        /**
         * Lets webhooks finish awaited jobs: {@code awaitCompletion} waits for a webhook of the job (published to
         * {@code hub} by the application's webhook endpoint) and polls as soon as one arrives, falling back to a poll
         * after {@link AwaitOptions#webhookSilence()} without one. Submit jobs with a webhook configured.
         *
         * @param hub the hub the application's webhook endpoint publishes to; not {@code null}
         * @return this builder
         */
        public Builder webhookHub(WebhookHub hub) {
            this.webhookHub = Objects.requireNonNull(hub, "hub");
            return this;
        }

        /**
         * Paces the client's calls with {@code pacer} instead of a pacer of its own: give every client of one API key
         * the same pacer (in one process, or across processes with the Redis pacer of {@code reductor-redis}), since
         * Reducto's rate limits belong to the key. Clients derived with {@code withOptions} share their client's
         * pacer either way.
         *
         * @param pacer the pacer; not {@code null}
         * @return this builder
         */
        public Builder pacer(RequestPacer pacer) {
            this.pacer = Objects.requireNonNull(pacer, "pacer");
            return this;
        }

        /**
         * The API key's rate limits, where known ({@link KeyLimits#documented()}, or your key's): the client's own
         * pacer then never sends faster, from the first call on, instead of learning the limits from 429s. A pacer
         * given with {@link #pacer} takes its limits when it is made instead ({@link RequestPacer#inMemory(KeyLimits)},
         * or the Redis pacer's {@code create}), so the two are not given together.
         *
         * @param limits the key's limits; not {@code null}
         * @return this builder
         */
        public Builder keyLimits(KeyLimits limits) {
            this.keyLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * The certificates to trust for {@code https} instead of the JVM's default ones, for example a company proxy's
         * private certificate authority. Ignored when an {@link #httpClient} is given (configure TLS there).
         *
         * @param trustManagers the trust managers to check server certificates with; not {@code null}
         * @return this builder
         */
        public Builder trustManagers(TrustManagerFactory trustManagers) {
            this.trustManagers = Objects.requireNonNull(trustManagers, "trustManagers");
            return this;
        }

        /**
         * An existing Reactor Netty client to share (its pool, event loops, TLS and proxy settings). Reductor adds
         * only its headers, compression and timeouts per request.
         *
         * @param httpClient the client to share; the application still owns it and disposes of its resources
         * @return this builder
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * Observes each HTTP exchange ({@code reductor.http.exchange}) and each awaited job
         * ({@code reductor.job.await}) in {@code registry}, as children of the observation in the subscriber's
         * Reactor context, if any. Every key has a few known values (the route with its path parameters named, not
         * filled in; the status; the outcome): no URL, job id or key. Micrometer is an optional dependency: without
         * this call the client neither needs it nor does any work for it. The README's "Metrics" section lists the
         * names and keys.
         *
         * @param registry where observations go; not {@code null}
         * @return this builder
         */
        public Builder observationRegistry(ObservationRegistry registry) {
            this.observationRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Records meters in {@code registry}: 429 answers ({@code reductor.http.rate.limited}), the rate each lane of
         * the client's pacer allows ({@code reductor.pacer.rate}), bulk documents in flight
         * ({@code reductor.bulk.in.flight}) and their outcomes ({@code reductor.bulk.documents}). Gauges are
         * registered once per name and tags, so clients sharing a registry should add a common tag of their own
         * (a {@code MeterFilter}) to tell them apart. Micrometer is an optional dependency: without this call the
         * client neither needs it nor does any work for it.
         *
         * @param registry where meters go; not {@code null}
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Replaces the network with {@code exchange}, for tests that run the whole client against a fake. */
        Builder exchange(HttpExchange exchange) {
            this.exchange = Objects.requireNonNull(exchange, "exchange");
            return this;
        }

        /**
         * Creates the client.
         *
         * @return a new client; it owns its connection pool unless an {@link #httpClient} was given
         * @throws IllegalStateException    when no API key was given or found in {@value #API_KEY_VARIABLE}
         * @throws IllegalArgumentException when both a base URL and an environment are given, or the base URL is
         *                                  not usable
         */
        public ReductoClient build() {
            String key = apiKey;
            URI base = baseUrl;
            String baseSetting = "baseUrl";
            if (environmentVariables != null) {
                String fromEnv = environmentVariables.apply(API_KEY_VARIABLE);
                if (key == null && fromEnv != null && !fromEnv.isBlank()) {
                    key = fromEnv;
                }
                String url = environmentVariables.apply(BASE_URL_VARIABLE);
                if (base == null && url != null && !url.isBlank()) {
                    base = parseBaseUrl(url.strip(), BASE_URL_VARIABLE);
                    baseSetting = BASE_URL_VARIABLE;
                }
            }
            if (key == null || key.isBlank()) {
                throw new IllegalStateException("No Reducto API key: set the " + API_KEY_VARIABLE
                        + " environment variable or call ReductoClient.builder().apiKey(...)");
            }
            if (pacer != null && keyLimits != null) {
                throw new IllegalStateException("keyLimits(...) sets the limits of the client's own pacer, but a pacer "
                        + "was given: make that pacer with the limits instead (RequestPacer.inMemory(limits), or "
                        + "RedisRequestPacer.create(redis, name, limits)) and drop keyLimits(...)");
            }
            if (base != null && environment != null) {
                throw new IllegalArgumentException("Give either a base URL (or " + BASE_URL_VARIABLE
                        + ") or an environment, not both (base URL " + base + ", environment " + environment + ")");
            }
            URI resolved = checkBaseUrl(base != null ? base
                    : (environment != null ? environment : ReductoEnvironment.PRODUCTION).baseUrl(), baseSetting);
            ApiKey secret = new ApiKey(key);
            ConnectionProvider pool = exchange == null && httpClient == null ? NettyClients.newPool(maxConnections)
                    : null;
            ClosableExchange network = new ClosableExchange(exchange != null ? exchange
                    : NettyClients.exchange(new NettyClients.Connection(resolved, secret, connectTimeout,
                    trustManagers, httpClient, wiretap), pool), pool);
            // only a client given a registry touches Micrometer, so that one without it needs no Micrometer classes
            Telemetry telemetry = observationRegistry == null && meterRegistry == null ? null
                    : MicrometerTelemetry.of(observationRegistry, meterRegistry);
            Transport transport = new Transport(network, scheduler, clock,
                    () -> ThreadLocalRandom.current().nextDouble(), maxResponseBytes, connectTimeout,
                    new AdaptiveLimit(maxConnections), pacer != null ? pacer
                    : new RatePacer(scheduler, keyLimits != null ? keyLimits : KeyLimits.unknown()), telemetry);
            CodecWarmUp.ensure();
            Endpoints endpoints = new Endpoints(transport, JsonCodec.standard(), resolved, options.build(),
                    processingTimeout, defaultTimeout);
            return new ReductoClient(new ClientContext(endpoints, new ClientContext.Settings(directUploadLimit,
                    resolveUrlResults, maxResultBytes, maxConnections, scheduler, network, webhookHub,
                    UploadSource::content)));
        }

        private static URI parseBaseUrl(String text, String setting) {
            try {
                return new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(setting + " \"" + text + "\" is not a valid URL (" + e.getReason()
                        + " at index " + e.getIndex() + "); give an absolute URL such as https://platform.reducto.ai");
            }
        }

        private static URI checkBaseUrl(URI base, String setting) {
            String problem = UrlRule.problem(base);
            if (problem != null) {
                throw new IllegalArgumentException(setting + " \"" + base + "\" cannot be used: " + problem);
            }
            if (base.getRawQuery() != null || base.getRawFragment() != null) {
                throw new IllegalArgumentException(setting + " \"" + base + "\" must not have a query or fragment");
            }
            String text = base.toString();
            return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        }
    }
}
