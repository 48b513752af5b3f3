package io.reductor.samples.tour;

import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.RunResult;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.UrlResult;
import io.reductor.reactor.ReductoClient;
import reactor.core.publisher.Mono;

import java.io.PrintStream;
import java.util.Map;

/**
 * Tour: parse results too large for a response.
 *
 * <p>Reducto sends a parse result of more than about 6 MB as a {@link UrlResult}, a short-lived link to the JSON,
 * instead of a {@link FullResult} with the chunks (a request can ask for that with {@code settings.force_url_result}).
 * Either download it yourself with {@link ReductoClient#resolve(UrlResult)}, which decodes it as it streams in, or
 * build the client with {@code resolveUrlResults(true)}: then parse responses and job results always carry a
 * {@code FullResult}. On the simulator a tiny {@code urlResultThreshold} makes even a one-page invoice a URL result.
 */
public final class LargeResults {

    private LargeResults() {
    }

    /** Runs the sample: against the real API when {@code REDUCTO_API_KEY} is set, else on the simulator. */
    public static void main(String[] args) {
        run(System.getenv(), System.out);
    }

    /** The program, with its environment and output given. */
    static FullResult run(Map<String, String> environment, PrintStream out) {
        try (Tour tour = Tour.start("LargeResults", environment, out,
                simulator -> simulator.urlResultThreshold(1_000))) {
            ReductoClient client = tour.client();
            ReductoClient resolving = tour.builder().resolveUrlResults(true).build();
            return client.upload(Tour.document("invoice-acme-1042.pdf"))
                    .map(upload -> DocumentInput.fileId(upload.fileId()))
                    .flatMap(input -> parseAndResolve(client, input, out)
                            .then(parseWithResolvingClient(resolving, input, out)))
                    .block();
        }
    }

    /** Parses {@code input} and, when the result comes as a URL, downloads it. */
    static Mono<FullResult> parseAndResolve(ReductoClient client, DocumentInput input, PrintStream out) {
        return client.parse().run(ParseRequest.builder().input(input).build())
                .map(RunResult::response)
                .flatMap(response -> {
                    if (response.result() instanceof UrlResult link) {
                        out.println("the result came as a URL (result " + link.resultId() + "); downloading it");
                        return client.resolve(link);
                    }
                    return Mono.just((FullResult) response.result());
                })
                .doOnNext(full -> out.println("resolve(): " + full.chunks().size() + " chunk(s), "
                        + full.chunks().get(0).content().length() + " characters in the first"));
    }

    /** Parses {@code input} as a job with a client built with {@code resolveUrlResults(true)}. */
    static Mono<FullResult> parseWithResolvingClient(ReductoClient resolving, DocumentInput input, PrintStream out) {
        return resolving.parse().runJobAndAwait(ParseRequest.builder().input(input).build())
                .map(response -> (FullResult) response.result())
                .doOnNext(full -> out.println("resolveUrlResults(true): " + full.chunks().size() + " chunk(s), "
                        + full.chunks().get(0).content().length() + " characters in the first"));
    }
}
