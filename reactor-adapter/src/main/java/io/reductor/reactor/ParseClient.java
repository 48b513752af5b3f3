package io.reductor.reactor;

import io.reductor.core.model.job.RunResult;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.job.JobResult;
import io.reductor.reactor.internal.ClientContext;
import io.reductor.reactor.internal.ResultResolver;
import reactor.core.publisher.Mono;

import java.util.Objects;

/** Parsing: documents to chunks, blocks and layout. Obtained from {@link ReductoClient#parse()}. */
public final class ParseClient extends JobResourceClient<ParseRequest, ParseResponse> {

    private final ResultResolver resolver;

    ParseClient(ClientContext context) {
        super(context, "/parse_async", ParseResponse.class);
        this.resolver = context.automaticResolver();
    }

    /**
     * Runs synchronously ({@code POST /parse}): the result arrives in the response, after up to the server's 900 s
     * processing limit. With an {@code async} configuration in the request the service answers with a job id
     * instead, given as {@link RunResult.Submitted}.
     *
     * <p>A large result may come as a {@code UrlResult}; with the client option
     * {@link ReductoClient.Builder#resolveUrlResults(boolean) resolveUrlResults} it is downloaded before the response
     * is given, otherwise see {@link ReductoClient#resolve(ParseResponse)}.
     *
     * @param request what to parse and how; not {@code null}
     * @return the response as {@link RunResult.Completed}, or the job as {@link RunResult.Submitted} for an
     *         {@code async} request
     */
    public Mono<RunResult<ParseResponse>> run(ParseRequest request) {
        Objects.requireNonNull(request, "request");
        Mono<RunResult<ParseResponse>> run = endpoints.postForResultOrJob("/parse", request, ParseResponse.class);
        return resolver == null ? run : run.flatMap(resolver::resolveRun);
    }

    @Override
    ParseResponse unwrap(JobResult result) {
        return result instanceof JobResult.Parse parse ? parse.response() : null;
    }
}
