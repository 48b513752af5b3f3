package io.reductor.reactor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.common.ParseUsage;
import io.reductor.core.model.common.Timestamp;
import io.reductor.core.model.edit.EditResponse;
import io.reductor.core.model.extract.ExtractResponse;
import io.reductor.core.model.extract.ExtractUsage;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.model.job.JobSummary;
import io.reductor.core.model.job.JobType;
import io.reductor.core.model.job.JobsPage;
import io.reductor.core.model.job.SubmittedJob;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.pipeline.PipelineExtractOutput;
import io.reductor.core.model.pipeline.PipelineParseOutput;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.core.model.pipeline.PipelineResult;
import io.reductor.core.model.split.SplitResponse;
import io.reductor.core.model.split.SplitResult;
import io.reductor.core.model.upload.Upload;
import io.reductor.reactor.internal.Call;
import io.reductor.reactor.internal.HttpExchange;
import io.reductor.reactor.internal.RequestBody;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process Reducto service behind the client's {@link HttpExchange} seam: the whole client (transport, retries,
 * adaptive limit, uploader, job watcher, bulk runner) runs against it with no network. It answers the job endpoints
 * with spec-shaped JSON written by the core codec:
 * <ul>
 *   <li>{@code POST /upload}: reads the multipart body to its end and answers
 *       {@code {"file_id":"reducto://<uuid>.pdf","presigned_url":null}};</li>
 *   <li>{@code POST /parse_async}, {@code /extract_async}, {@code /split_async}, {@code /pipeline_async},
 *       {@code /edit_async}: creates a job for the request's document ({@code input}, or {@code document_url} for
 *       edit), counting jobs per document, and answers {@code {"job_id": ...}};</li>
 *   <li>{@code GET /job/{id}}: {@code Pending} for the first {@link #pendingPolls} polls, then {@code InProgress} for
 *       {@link #runningPolls} polls, then {@code Completed} with a result of the job's kind, or {@code Failed} with a
 *       reason for documents configured to fail; a {@code timeout} query parameter is either ignored (answer at once)
 *       or honoured by holding the answer on the scheduler (see {@link LongPoll});</li>
 *   <li>{@code POST /cancel/{id}}: marks the job {@code Cancelled};</li>
 *   <li>{@code GET /jobs}: pages over {@link #listedJobs(int)} with {@code limit} (default 100), {@code cursor},
 *       {@code next_cursor} ({@code null} on the last page).</li>
 * </ul>
 *
 * <p>Faults are drawn from a seeded {@link Random} per request at configurable rates: a connection reset before the
 * request was sent ({@link HttpExchange.NotSentException}, nothing reaches the "server"), 503, 429 with
 * {@code [CODE 1000]} and {@code Retry-After: 0} or {@code retry-after-ms: 1..5}, and a connection reset after the
 * request was processed ({@code IOException("Connection reset by peer")}: a job-creating request has then created its
 * job, but the client never learns its id). Submissions can also be rate-limited by arrival number, for deterministic
 * tests of the adaptive limit.
 *
 * <p>Thread-safe: state in concurrent maps and atomics; answers are immediate unless a hold is configured, and holds
 * run on {@link Schedulers#parallel()} obtained per request, so {@code StepVerifier.withVirtualTime} drives them.
 */
final class FakeReducto implements HttpExchange {

    /** How {@code GET /job/{id}?timeout=} is answered. */
    enum LongPoll {
        /** The timeout is ignored and the job's state is answered at once. */
        ANSWER_AT_ONCE,
        /** The answer is held for {@link #longPollHold} (at most the requested timeout), then the state is given. */
        HOLD
    }

    /** Endpoint names used by the counters. */
    static final String UPLOAD = "POST /upload";
    static final String PARSE = "POST /parse_async";
    static final String EXTRACT = "POST /extract_async";
    static final String SPLIT = "POST /split_async";
    static final String PIPELINE = "POST /pipeline_async";
    static final String EDIT = "POST /edit_async";
    static final String GET_JOB = "GET /job";
    static final String CANCEL = "POST /cancel";
    static final String LIST_JOBS = "GET /jobs";

    private static final Map<String, JobType> SUBMISSIONS = Map.of(PARSE, JobType.PARSE, EXTRACT, JobType.EXTRACT,
            SPLIT, JobType.SPLIT, PIPELINE, JobType.PIPELINE, EDIT, JobType.EDIT);
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");
    private static final String RATE_LIMIT_BODY = "{\"message\":\"[CODE 1000] Rate limit exceeded\"}";

    /**
     * A job the fake created.
     *
     * @param id        the job id
     * @param type      which endpoint created it
     * @param input     the document as the request gave it
     * @param failure   the reason it fails, or {@code null} when it completes
     * @param polls     how many times it was polled
     * @param cancelled whether {@code POST /cancel/{id}} was called
     * @param terminal  whether a terminal status was answered
     */
    record Job(String id, JobType type, String input, String failure, AtomicInteger polls, AtomicBoolean cancelled,
               AtomicBoolean terminal) {
        boolean fails() {
            return failure != null;
        }
    }

    /**
     * One job-creating request as it arrived.
     *
     * @param number   the arrival number, from 1
     * @param inFlight the job-creating requests in flight at the fake, this one included
     * @param answer   what it was answered: {@code created}, {@code 429}, {@code 503}, {@code reset-after-send}
     */
    record Arrival(int number, int inFlight, String answer) {
    }

    static {
        warmUpCodec();
    }

    private final Random random;
    private final JsonCodec codec = JsonCodec.standard();

    private volatile double resetBeforeSendRate;
    private volatile double serverErrorRate;
    private volatile double rateLimitRate;
    private volatile double resetAfterSendRate;
    private volatile double failedJobRate;
    private volatile Predicate<String> faultyEndpoints = endpoint -> true;
    private volatile Predicate<String> failingInputs = input -> false;
    private volatile IntPredicate rateLimitedSubmissions = number -> false;
    private volatile int pendingPolls = 1;
    private volatile int runningPolls = 1;
    private volatile LongPoll longPoll = LongPoll.ANSWER_AT_ONCE;
    private volatile Duration longPollHold = Duration.ofSeconds(20);
    private volatile Duration submissionHold = Duration.ZERO;
    private volatile Supplier<Scheduler> scheduler = Schedulers::parallel;
    private volatile LongSupplier settledDocuments;
    private volatile List<JobSummary> listed = List.of();

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> jobsPerInput = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> faults = new ConcurrentHashMap<>();
    private final Map<String, String> uploads = new ConcurrentHashMap<>();
    private final Queue<String> jobQueries = new Queue<>();
    private final Queue<String> listQueries = new Queue<>();
    private final Queue<Arrival> arrivals = new Queue<>();
    private final Set<String> submittedInputs = ConcurrentHashMap.newKeySet();
    private final AtomicInteger submissionNumber = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger submissionsInFlight = new AtomicInteger();
    private final AtomicInteger maxSubmissionsInFlight = new AtomicInteger();
    private final AtomicLong maxDocumentsInFlight = new AtomicLong();

    /** A fake with no faults whose random draws start from {@code seed}. */
    FakeReducto(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Decodes one of every answer of this fake on the thread that loads the class (a test thread), so that Jackson
     * has built and cached its deserializers before the client decodes on its non-blocking threads.
     *
     * <p>Why: Jackson (2.17.1 and later) builds a type's deserializer the first time under a {@code ReentrantLock} in
     * {@code DeserializerCache._createAndCacheValueDeserializer}. When several {@code parallel} threads decode the
     * same new type at once, all but one park on that lock, BlockHound (on for every test) reports
     * {@code Unsafe#park}, and the client surfaces a {@code BlockingOperationError} as a document's outcome. Which
     * test meets a cold cache depends on the order the suite runs in; warming here keeps these tests about bulk
     * behaviour. See FasterXML/jackson-databind#4430 and #4561.
     */
    static void warmUpCodec() {
        JsonCodec codec = JsonCodec.standard();
        FakeReducto fake = new FakeReducto(0L);
        for (JobType type : List.of(JobType.PARSE, JobType.EXTRACT, JobType.SPLIT, JobType.EDIT, JobType.PIPELINE)) {
            Job job = new Job("warm-up", type, "https://warm.up/doc.pdf", null, new AtomicInteger(),
                    new AtomicBoolean(), new AtomicBoolean());
            codec.decode(codec.encode(JobResponse.builder().status(JobStatus.COMPLETED).result(fake.resultOf(job))
                    .build()), JobResponse.class);
        }
        codec.decode(codec.encode(JobResponse.builder().status(JobStatus.FAILED).reason("warm-up").build()),
                JobResponse.class);
        codec.decode(codec.encode(SubmittedJob.builder().jobId("warm-up").build()), SubmittedJob.class);
        codec.decode(codec.encode(Upload.builder().fileId("reducto://warm-up.pdf").build()), Upload.class);
        codec.decode(codec.encode(JobsPage.builder().jobs(fake.listedJobs(1).listed).build()), JobsPage.class);
        codec.readTree(RATE_LIMIT_BODY);
    }

    // --- configuration -----------------------------------------------------------------------------------------------

    /**
     * Fault rates, each a probability per request that reaches the fake: a reset before sending, 503, 429, a reset
     * after the request was processed.
     */
    FakeReducto faults(double resetBeforeSend, double serverError, double rateLimit, double resetAfterSend) {
        this.resetBeforeSendRate = resetBeforeSend;
        this.serverErrorRate = serverError;
        this.rateLimitRate = rateLimit;
        this.resetAfterSendRate = resetAfterSend;
        return this;
    }

    /** Limits the random faults to the endpoints (counter names such as {@link #PARSE}) that {@code which} accepts. */
    FakeReducto faultsOn(Predicate<String> which) {
        this.faultyEndpoints = Objects.requireNonNull(which);
        return this;
    }

    /** The probability that a new job fails. */
    FakeReducto failedJobs(double rate) {
        this.failedJobRate = rate;
        return this;
    }

    /** Jobs for the documents {@code inputs} accepts always fail. */
    FakeReducto failing(Predicate<String> inputs) {
        this.failingInputs = Objects.requireNonNull(inputs);
        return this;
    }

    /** Job-creating requests whose arrival number (from 1) {@code numbers} accepts are answered 429 at once. */
    FakeReducto rateLimitSubmissions(IntPredicate numbers) {
        this.rateLimitedSubmissions = Objects.requireNonNull(numbers);
        return this;
    }

    /** How many polls see {@code Pending}, then how many see {@code InProgress}, before the terminal status. */
    FakeReducto polls(int pending, int running) {
        this.pendingPolls = pending;
        this.runningPolls = running;
        return this;
    }

    /** How long polls are answered. */
    FakeReducto longPoll(LongPoll mode, Duration hold) {
        this.longPoll = Objects.requireNonNull(mode);
        this.longPollHold = Objects.requireNonNull(hold);
        return this;
    }

    /** Job-creating requests that create a job are answered after {@code hold} (on the scheduler). */
    FakeReducto holdSubmissions(Duration hold) {
        this.submissionHold = Objects.requireNonNull(hold);
        return this;
    }

    /** Where holds run; by default {@link Schedulers#parallel()}, obtained per request. */
    FakeReducto scheduler(Supplier<Scheduler> scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler);
        return this;
    }

    /**
     * Tracks documents in flight: at each job-creating request for a document not seen before, the documents seen
     * so far minus {@code settled} (the outcomes the test has received); the maximum is {@link #maxDocumentsInFlight}.
     */
    FakeReducto trackDocumentsAgainst(LongSupplier settled) {
        this.settledDocuments = Objects.requireNonNull(settled);
        return this;
    }

    /** {@code GET /jobs} lists {@code count} jobs, newest first. */
    FakeReducto listedJobs(int count) {
        List<JobSummary> list = new ArrayList<>(count);
        Instant newest = Instant.parse("2026-03-01T12:00:00Z");
        for (int i = 0; i < count; i++) {
            list.add(JobSummary.builder()
                    .jobId("listed-" + i)
                    .status(JobStatus.COMPLETED)
                    .type(JobType.PARSE)
                    .rawConfig("{}")
                    .createdAt(Timestamp.of(newest.minusSeconds(i)))
                    .numPages(1)
                    .totalPages(1)
                    .duration(1.5)
                    .build());
        }
        this.listed = List.copyOf(list);
        return this;
    }

    // --- observations ------------------------------------------------------------------------------------------------

    /** Requests to {@code endpoint} that reached the fake (not reset before sending). */
    int requests(String endpoint) {
        return count(received, endpoint);
    }

    /** Every attempt at {@code endpoint}, including those reset before sending. */
    int attempts(String endpoint) {
        return count(attempts, endpoint);
    }

    /**
     * How often {@code fault} ({@code reset-before-send}, {@code 503}, {@code 429}, {@code reset-after-send}) hit
     * {@code endpoint}.
     */
    int faults(String endpoint, String fault) {
        return count(faults, endpoint + " " + fault);
    }

    /** Every job created, by id. */
    Map<String, Job> jobs() {
        return Collections.unmodifiableMap(jobs);
    }

    /** A job by id. */
    Job job(String id) {
        return jobs.get(id);
    }

    /** How many jobs were created. */
    int jobsCreated() {
        return jobs.size();
    }

    /** How many jobs were created per document input. */
    Map<String, Integer> jobsPerInput() {
        Map<String, Integer> copy = new LinkedHashMap<>();
        jobsPerInput.forEach((input, count) -> copy.put(input, count.get()));
        return copy;
    }

    /** The file ids {@code /upload} handed out, each with the multipart file name it received. */
    Map<String, String> uploads() {
        return Map.copyOf(uploads);
    }

    /** The raw query of every {@code GET /job/{id}} that reached the fake, in arrival order. */
    List<String> jobQueries() {
        return jobQueries.snapshot();
    }

    /** The raw query of every {@code GET /jobs} that reached the fake, in arrival order. */
    List<String> listQueries() {
        return listQueries.snapshot();
    }

    /** Every job-creating request that reached the fake, in arrival order. */
    List<Arrival> arrivals() {
        return arrivals.snapshot();
    }

    /** The most requests in flight at the fake at once. */
    int maxInFlight() {
        return maxInFlight.get();
    }

    /** The most job-creating requests in flight at the fake at once. */
    int maxSubmissionsInFlight() {
        return maxSubmissionsInFlight.get();
    }

    /** See {@link #trackDocumentsAgainst}. */
    long maxDocumentsInFlight() {
        return maxDocumentsInFlight.get();
    }

    // --- the exchange ------------------------------------------------------------------------------------------------

    @Override
    public <T> Mono<T> exchange(Call call, ResponseHandler<T> handler) {
        return Mono.defer(() -> {
            String endpoint = endpointOf(call);
            increment(attempts, endpoint);
            double draw = faultyEndpoints.test(endpoint) ? nextDouble() : 1.0;
            if (draw < resetBeforeSendRate) {
                increment(faults, endpoint + " reset-before-send");
                return Mono.error(new NotSentException(new ConnectException("Connection refused (simulated)")));
            }
            increment(received, endpoint);
            draw -= resetBeforeSendRate;
            Fault fault = Fault.NONE;
            if (draw < serverErrorRate) {
                fault = Fault.SERVER_ERROR;
            } else if (draw < serverErrorRate + rateLimitRate) {
                fault = Fault.RATE_LIMIT;
            } else if (draw < serverErrorRate + rateLimitRate + resetAfterSendRate) {
                fault = Fault.RESET_AFTER_SEND;
            }
            Fault chosen = fault;
            return readBody(call.body())
                    .flatMap(body -> answer(call, endpoint, body, chosen))
                    .transform(answer -> inFlight(answer, inFlight, maxInFlight))
                    .flatMap(response -> response.error != null ? Mono.<T>error(response.error)
                            : handler.handle(response.status, response.headers,
                                    Flux.defer(() -> Flux.just(Unpooled.wrappedBuffer(response.body)))));
        });
    }

    /**
     * Counts {@code answer} as in flight from its subscription until the answer is given (before the client reads
     * it: the client may start its next request while it is still handling this answer) or the request is cancelled.
     */
    private static Mono<Response> inFlight(Mono<Response> answer, AtomicInteger counter, AtomicInteger max) {
        return Mono.defer(() -> {
            max.accumulateAndGet(counter.incrementAndGet(), Math::max);
            AtomicBoolean done = new AtomicBoolean();
            Runnable finish = () -> {
                if (done.compareAndSet(false, true)) {
                    counter.decrementAndGet();
                }
            };
            return answer.doOnNext(response -> finish.run()).doFinally(signal -> finish.run());
        });
    }

    private enum Fault { NONE, SERVER_ERROR, RATE_LIMIT, RESET_AFTER_SEND }

    /** An answer: a response, or an error after sending. */
    private record Response(int status, Map<String, List<String>> headers, byte[] body, Throwable error) {
        static Response json(int status, byte[] body) {
            return new Response(status, Map.of("content-type", List.of("application/json"),
                    "content-length", List.of(Integer.toString(body.length))), body, null);
        }

        static Response json(int status, String body) {
            return json(status, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Mono<Response> answer(Call call, String endpoint, byte[] body, Fault fault) {
        if (SUBMISSIONS.containsKey(endpoint)) {
            return submit(call, endpoint, body, fault);
        }
        Response early = earlyFault(endpoint, fault);
        if (early != null) {
            return Mono.just(early);
        }
        Mono<Response> answer = switch (endpoint) {
            case UPLOAD -> Mono.fromSupplier(() -> upload(body));
            case GET_JOB -> poll(call);
            case CANCEL -> Mono.fromSupplier(() -> cancel(call));
            case LIST_JOBS -> Mono.fromSupplier(() -> list(call));
            default -> Mono.just(Response.json(404, "{\"detail\":\"Not Found\"}"));
        };
        return fault == Fault.RESET_AFTER_SEND ? answer.map(done -> resetAfterSend(endpoint)) : answer;
    }

    private Response earlyFault(String endpoint, Fault fault) {
        if (fault == Fault.SERVER_ERROR) {
            increment(faults, endpoint + " 503");
            return Response.json(503, "{\"detail\":\"Service temporarily unavailable\"}");
        }
        if (fault == Fault.RATE_LIMIT) {
            increment(faults, endpoint + " 429");
            return rateLimited();
        }
        return null;
    }

    private Response rateLimited() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("application/json"));
        if (nextDouble() < 0.5) {
            headers.put("retry-after", List.of("0"));
        } else {
            headers.put("retry-after-ms", List.of(Integer.toString(1 + (int) (nextDouble() * 5))));
        }
        return new Response(429, headers, RATE_LIMIT_BODY.getBytes(StandardCharsets.UTF_8), null);
    }

    private Response resetAfterSend(String endpoint) {
        increment(faults, endpoint + " reset-after-send");
        return new Response(0, Map.of(), new byte[0], new IOException("Connection reset by peer"));
    }

    private Mono<Response> submit(Call call, String endpoint, byte[] body, Fault fault) {
        return inFlight(Mono.defer(() -> submitCounted(call, endpoint, body, fault)), submissionsInFlight,
                maxSubmissionsInFlight);
    }

    private Mono<Response> submitCounted(Call call, String endpoint, byte[] body, Fault fault) {
        int number = submissionNumber.incrementAndGet();
        int now = submissionsInFlight.get();
        Mono<Response> answer;
        String what;
        if (rateLimitedSubmissions.test(number)) {
            increment(faults, endpoint + " 429");
            answer = Mono.just(rateLimited());
            what = "429";
        } else if (fault == Fault.SERVER_ERROR || fault == Fault.RATE_LIMIT) {
            answer = Mono.just(earlyFault(endpoint, fault));
            what = fault == Fault.SERVER_ERROR ? "503" : "429";
        } else {
            Job job = create(endpoint, body);
            Response created = fault == Fault.RESET_AFTER_SEND ? resetAfterSend(endpoint)
                    : Response.json(200, codec.encode(SubmittedJob.builder().jobId(job.id()).build()));
            Duration hold = submissionHold;
            answer = hold.isZero() ? Mono.just(created)
                    : Mono.delay(hold, scheduler.get()).thenReturn(created);
            what = fault == Fault.RESET_AFTER_SEND ? "reset-after-send" : "created";
        }
        arrivals.add(new Arrival(number, now, what));
        return answer;
    }

    private Job create(String endpoint, byte[] body) {
        JobType type = SUBMISSIONS.get(endpoint);
        JsonNode request = codec.readTree(body);
        JsonNode document = type.equals(JobType.EDIT) ? request.get("document_url") : request.get("input");
        String input = document == null ? "" : document.isTextual() ? document.asText() : document.toString();
        String failure = null;
        if (failingInputs.test(input)) {
            failure = "Configured to fail: " + input;
        } else if (failedJobRate > 0 && nextDouble() < failedJobRate) {
            failure = "Simulated processing failure for " + input;
        }
        Job job = new Job(newId(), type, input, failure, new AtomicInteger(),
                new AtomicBoolean(), new AtomicBoolean());
        jobs.put(job.id(), job);
        jobsPerInput.computeIfAbsent(input, key -> new AtomicInteger()).incrementAndGet();
        LongSupplier settled = settledDocuments;
        if (settled != null && submittedInputs.add(input)) {
            maxDocumentsInFlight.accumulateAndGet(submittedInputs.size() - settled.getAsLong(), Math::max);
        }
        return job;
    }

    private Mono<Response> poll(Call call) {
        String query = call.uri().getRawQuery();
        jobQueries.add(query == null ? "" : query);
        Job job = jobs.get(lastSegment(call));
        if (job == null) {
            return Mono.just(Response.json(404, "{\"detail\":\"Job not found\"}"));
        }
        String timeout = query(call).get("timeout");
        if (timeout != null && longPoll == LongPoll.HOLD) {
            Duration asked = Duration.ofMillis((long) (Double.parseDouble(timeout) * 1000));
            Duration hold = asked.compareTo(longPollHold) < 0 ? asked : longPollHold;
            return Mono.delay(hold, scheduler.get()).map(tick -> state(job));
        }
        return Mono.fromSupplier(() -> state(job));
    }

    private Response state(Job job) {
        int polls = job.polls().incrementAndGet();
        JobResponse.Builder response = JobResponse.builder().type(job.type());
        if (job.cancelled().get()) {
            job.terminal().set(true);
            response.status(JobStatus.CANCELLED).reason("Cancelled by the user");
        } else if (polls <= pendingPolls) {
            response.status(JobStatus.PENDING);
        } else if (polls <= pendingPolls + runningPolls) {
            response.status(JobStatus.IN_PROGRESS).progress(0.5);
        } else if (job.fails()) {
            job.terminal().set(true);
            response.status(JobStatus.FAILED).reason(job.failure());
        } else {
            job.terminal().set(true);
            response.status(JobStatus.COMPLETED).progress(1.0).numPages(1).duration(1.25).result(resultOf(job));
        }
        return Response.json(200, codec.encode(response.build()));
    }

    private JobResult resultOf(Job job) {
        return switch (job.type().value()) {
            case "Parse" -> new JobResult.Parse(parseResponse(job));
            case "Extract" -> new JobResult.Extract(extractResponse(job));
            case "Split" -> new JobResult.Split(splitResponse());
            case "Edit" -> new JobResult.Edit(EditResponse.builder()
                    .documentUrl("https://edited.example/" + job.id() + ".pdf").usage(usage()).build());
            default -> new JobResult.Pipeline(PipelineResponse.builder()
                    .jobId(job.id())
                    .usage(usage())
                    .result(PipelineResult.builder()
                            .parse(new PipelineParseOutput.Single(parseResponse(job)))
                            .extract(new PipelineExtractOutput.Whole(extractResponse(job)))
                            .split(splitResponse())
                            .build())
                    .build());
        };
    }

    private static ParseUsage usage() {
        return ParseUsage.builder().numPages(1).credits(1.0).build();
    }

    private static ParseResponse parseResponse(Job job) {
        return ParseResponse.builder()
                .jobId(job.id())
                .duration(1.25)
                .usage(usage())
                .result(FullResult.builder().chunks(List.of()).build())
                .build();
    }

    private static ExtractResponse extractResponse(Job job) {
        return ExtractResponse.builder()
                .jobId(job.id())
                .usage(ExtractUsage.builder().numPages(1).numFields(1).build())
                .result(List.of(JsonNodeFactory.instance.objectNode().put("document", job.input())))
                .citations(List.of())
                .build();
    }

    private static SplitResponse splitResponse() {
        return SplitResponse.builder()
                .usage(usage())
                .result(SplitResult.builder().sectionMapping(Map.of()).splits(List.of()).build())
                .build();
    }

    private Response cancel(Call call) {
        Job job = jobs.get(lastSegment(call));
        if (job == null) {
            return Response.json(404, "{\"detail\":\"Job not found\"}");
        }
        job.cancelled().set(true);
        return Response.json(200, "{\"message\":\"Job cancelled\"}");
    }

    private Response list(Call call) {
        String raw = call.uri().getRawQuery();
        listQueries.add(raw == null ? "" : raw);
        Map<String, String> query = query(call);
        int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : 100;
        int from = query.containsKey("cursor") ? Integer.parseInt(query.get("cursor").substring("cursor-".length()))
                : 0;
        List<JobSummary> all = listed;
        int to = Math.min(all.size(), from + limit);
        JobsPage page = JobsPage.builder()
                .jobs(all.subList(Math.min(from, to), to))
                .nextCursor(to < all.size() ? "cursor-" + to : null)
                .build();
        return Response.json(200, codec.encode(page));
    }

    private Response upload(byte[] body) {
        String fileId = "reducto://" + newId() + ".pdf";
        Matcher name = FILE_NAME.matcher(new String(body, 0, Math.min(body.length, 1024),
                StandardCharsets.ISO_8859_1));
        uploads.put(fileId, name.find() ? name.group(1) : "");
        return Response.json(200, codec.encode(Upload.builder().fileId(fileId).presignedUrl(null).build()));
    }

    /** The request's body as the server would read it: a stream is consumed to its end, its buffers released. */
    private static Mono<byte[]> readBody(RequestBody body) {
        if (body instanceof RequestBody.Bytes bytes) {
            return Mono.just(bytes.bytes());
        }
        if (body instanceof RequestBody.Stream stream) {
            return Flux.defer(() -> stream.content().get())
                    .reduceWith(ByteArrayOutputStream::new, (out, chunk) -> {
                        try {
                            byte[] copy = new byte[chunk.readableBytes()];
                            chunk.readBytes(copy);
                            out.writeBytes(copy);
                            return out;
                        } finally {
                            ReferenceCountUtil.release(chunk);
                        }
                    })
                    .map(ByteArrayOutputStream::toByteArray);
        }
        return Mono.just(new byte[0]);
    }

    private static String endpointOf(Call call) {
        String path = call.uri().getPath();
        if (call.method().equals("GET") && path.startsWith("/job/")) {
            return GET_JOB;
        }
        if (call.method().equals("POST") && path.startsWith("/cancel/")) {
            return CANCEL;
        }
        return call.method() + " " + path;
    }

    private static String lastSegment(Call call) {
        String path = call.uri().getRawPath();
        return URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(Call call) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = call.uri().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            query.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }

    /**
     * A fresh random UUID. Not {@code UUID.randomUUID()}: its {@code SecureRandom} reads {@code /dev/urandom}, a
     * blocking call BlockHound reports on the client's non-blocking threads.
     */
    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xf000L) | 0x4000L;
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private double nextDouble() {
        return random.nextDouble();
    }

    private static void increment(Map<String, AtomicInteger> counters, String key) {
        counters.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    private static int count(Map<String, AtomicInteger> counters, String key) {
        AtomicInteger counter = counters.get(key);
        return counter == null ? 0 : counter.get();
    }

    /** An append-only list safe to add to from any thread. */
    private static final class Queue<E> {
        private final ConcurrentLinkedQueue<E> items = new ConcurrentLinkedQueue<>();

        void add(E item) {
            items.add(item);
        }

        List<E> snapshot() {
            return List.copyOf(items);
        }
    }
}
