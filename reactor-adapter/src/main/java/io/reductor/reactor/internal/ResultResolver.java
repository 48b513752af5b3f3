package io.reductor.reactor.internal;

import io.netty.buffer.ByteBuf;
import io.reductor.core.error.ReductoApiException;
import io.reductor.core.error.ReductoException;
import io.reductor.core.error.ResponseTooLargeException;
import io.reductor.core.error.ResultDownloadException;
import io.reductor.core.json.StreamingJsonDecoder;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.core.model.job.RunResult;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.parse.UrlResult;
import io.reductor.core.model.pipeline.PipelineParseOutput;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.core.model.pipeline.PipelineResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns {@link UrlResult}s into the {@link FullResult}s behind them: a {@code GET} of the presigned URL without the
 * API key or the client's extra headers, retried by the client's policy (reads are repeatable), its body decoded as it
 * streams in with a {@link StreamingJsonDecoder} and never held as raw bytes, up to a size limit.
 *
 * <p>Failures: an HTTP error status of the storage becomes {@link ResultDownloadException} (saying whether the URL
 * expired), a body over the limit {@link ResponseTooLargeException}, a malformed or truncated body
 * {@code ReductoDecodeException} naming {@code FullResult}, and network failures the transport's connection and
 * timeout exceptions. The URL is never put in a message or log: calls are named by storage host and
 * {@code result_id}.
 *
 * <p>Result URLs are held to the client's {@link UrlRule}: {@code https://}, or {@code http://} to loopback hosts.
 *
 * @param endpoints      supplies the transport, codec, retry policy and timeouts
 * @param maxResultBytes the largest result body accepted, in bytes
 */
public record ResultResolver(Endpoints endpoints, long maxResultBytes) {

    /** Checks the arguments. */
    public ResultResolver {
        Objects.requireNonNull(endpoints, "endpoints");
        if (maxResultBytes < 1) {
            throw new IllegalArgumentException("maxResultBytes must be positive but was " + maxResultBytes);
        }
    }

    /** Downloads and decodes the result behind {@code result}; cold, each subscription downloads again. */
    public Mono<FullResult> resolve(UrlResult result) {
        Objects.requireNonNull(result, "result");
        return Mono.defer(() -> download(result));
    }

    /** {@code response} itself unless its result is a {@link UrlResult}, otherwise a copy with the full result. */
    public Mono<ParseResponse> resolve(ParseResponse response) {
        Objects.requireNonNull(response, "response");
        if (!(response.result() instanceof UrlResult url)) {
            return Mono.just(response);
        }
        return resolve(url).map(full -> withResult(response, full));
    }

    /** A completed run's response resolved as by {@link #resolve(ParseResponse)}; a submitted job as it is. */
    public Mono<RunResult<ParseResponse>> resolveRun(RunResult<ParseResponse> run) {
        Objects.requireNonNull(run, "run");
        if (!run.isCompleted()) {
            return Mono.just(run);
        }
        return resolve(run.response()).map(RunResult::completed);
    }

    /**
     * A job response whose parse results are resolved: a {@link JobResult.Parse} result, and the parse step of a
     * {@link JobResult.Pipeline} result (one response or several, downloaded one after the other). Anything else is
     * returned as it is.
     */
    public Mono<JobResponse> resolve(JobResponse job) {
        Objects.requireNonNull(job, "job");
        if (job.result() instanceof JobResult.Parse parse && parse.response().result() instanceof UrlResult) {
            return resolve(parse.response()).map(resolved -> withResult(job, new JobResult.Parse(resolved)));
        }
        if (job.result() instanceof JobResult.Pipeline pipeline && hasUrlResult(pipeline.response())) {
            return resolve(pipeline.response())
                    .map(resolved -> withResult(job, new JobResult.Pipeline(resolved)));
        }
        return Mono.just(job);
    }

    /** A pipeline response whose parse step's URL results are resolved; otherwise returned as it is. */
    public Mono<PipelineResponse> resolve(PipelineResponse response) {
        Objects.requireNonNull(response, "response");
        if (!hasUrlResult(response)) {
            return Mono.just(response);
        }
        PipelineResult steps = response.result();
        Mono<PipelineParseOutput> parse = steps.parse() instanceof PipelineParseOutput.Single single
                ? resolve(single.response()).map(PipelineParseOutput.Single::new)
                : Flux.fromIterable(steps.parse().responses()).concatMap(this::resolve).collectList()
                        .map(PipelineParseOutput.Multiple::new);
        return parse.map(output -> new PipelineResponse(response.jobId(), response.usage(),
                new PipelineResult(output, steps.extract(), steps.split(), steps.edit(), steps.additionalProperties()),
                response.responseType(), response.additionalProperties()));
    }

    // The copies below use the canonical constructors, not toBuilder().build(): build() insists on the fields the
    // spec calls required, and responses decoded from the service may lack some (explicit nulls such as
    // "extract": null in a pipeline result), which must not make resolution fail. A field added to these records
    // breaks the compilation here, so it cannot be dropped silently.

    private static ParseResponse withResult(ParseResponse response, FullResult full) {
        return new ParseResponse(response.jobId(), response.duration(), response.pdfUrl(), response.studioLink(),
                response.usage(), full, response.responseType(), response.parseMode(), response.documentProperties(),
                response.additionalProperties());
    }

    private static JobResponse withResult(JobResponse job, JobResult result) {
        return new JobResponse(job.status(), result, job.progress(), job.reason(), job.type(), job.numPages(),
                job.totalPages(), job.source(), job.duration(), job.createdAt(), job.rawConfig(), job.bucket(),
                job.error(), job.additionalProperties());
    }

    private static boolean hasUrlResult(PipelineResponse response) {
        return response.result() != null && response.result().parse() != null
                && response.result().parse().responses().stream()
                        .anyMatch(parse -> parse != null && parse.result() instanceof UrlResult);
    }

    private Mono<FullResult> download(UrlResult result) {
        String resultId = result.resultId();
        URI uri = parsedUri(result);
        String host = uri.getHost() == null ? "(no host)" : uri.getHost();
        String operation = "GET result " + (resultId == null ? "(no result_id)" : shorten(resultId)) + " from "
                + host;
        // Not authenticated, and without the client's extra headers: they are meant for Reducto, not for storage.
        Call call = endpoints.outsideCall("GET", uri, operation, "GET result URL",
                Map.of("accept", "application/json"), RequestBody.NONE);
        return endpoints.transport().send(call, (status, headers, body) -> decode(operation, headers, body))
                .onErrorMap(error -> downloadFailure(error, host, resultId));
    }

    private Mono<FullResult> decode(String operation, Map<String, List<String>> headers, Flux<ByteBuf> body) {
        if (ContentLength.exceeds(headers, maxResultBytes)) {
            return Mono.error(new ResponseTooLargeException(operation, maxResultBytes));
        }
        return body.reduceWith(() -> endpoints.codec().streamingDecoder(FullResult.class), (decoder, chunk) -> {
            int readable = chunk.readableBytes();
            if (decoder.bytesFed() + readable > maxResultBytes) {
                throw new ResponseTooLargeException(operation, maxResultBytes);
            }
            // The buffer is released after this call, so its bytes are copied out; the decoder keeps only tokens.
            byte[] bytes = new byte[readable];
            chunk.getBytes(chunk.readerIndex(), bytes);
            decoder.feed(bytes);
            return decoder;
        }).map(StreamingJsonDecoder::finish);
    }

    /** Storage answers are not Reducto API errors: say which result and host failed, and whether the URL expired. */
    private static Throwable downloadFailure(Throwable error, String host, String resultId) {
        if (error instanceof ReductoApiException api) {
            ResultDownloadException download = ResultDownloadException.fromResponse(api.status(), api.headers(),
                    api.rawBody(), host, resultId);
            download.recordAttempts(api.attempts(), List.of(api.getSuppressed()));
            return download;
        }
        return error;
    }

    private static URI parsedUri(UrlResult result) {
        String id = result.resultId() == null ? "(no result_id)" : shorten(result.resultId());
        if (result.url() == null || result.url().isBlank()) {
            throw new ReductoException("The URL result " + id + " has no url to download");
        }
        URI uri;
        try {
            uri = URI.create(result.url().strip());
        } catch (IllegalArgumentException e) {
            // The message of URI's exception quotes the URL, which carries a signature: leave it out.
            throw new ReductoException("The url of URL result " + id + " is not a valid URL");
        }
        return uri;
    }


    private static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }

}
