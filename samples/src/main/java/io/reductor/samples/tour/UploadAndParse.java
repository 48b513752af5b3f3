package io.reductor.samples.tour;

import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.RunResult;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.reactor.ReductoClient;
import io.reductor.reactor.UploadEvent;
import io.reductor.reactor.UploadSource;
import reactor.core.publisher.Mono;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Tour: upload a local document, watching its progress, then parse it and print its text.
 *
 * <p>{@link ReductoClient#uploadWithProgress(UploadSource)} streams the document and emits
 * {@link UploadEvent.Progress} as its bytes go out, then one {@link UploadEvent.Completed} carrying the
 * {@code reducto://} file id that later requests take as their input ({@link ReductoClient#upload} is the same
 * without progress). {@code parse().run(...)} is the synchronous {@code POST /parse}: the result comes in the response.
 * By default the whole document is one chunk; {@code retrieval.chunking} splits it for retrieval.
 *
 * <pre>UploadAndParse [FILE]        (default: a bundled one-page invoice)</pre>
 */
public final class UploadAndParse {

    private UploadAndParse() {
    }

    /** Runs the sample: against the real API when {@code REDUCTO_API_KEY} is set, else on the simulator. */
    public static void main(String[] args) {
        run(args, System.getenv(), System.out);
    }

    /** The program, with its environment and output given. */
    static ParseResponse run(String[] args, Map<String, String> environment, PrintStream out) {
        UploadSource document = args.length > 0 ? UploadSource.of(Path.of(args[0]))
                : Tour.document("invoice-acme-1042.pdf");
        try (Tour tour = Tour.start("UploadAndParse", environment, out)) {
            return uploadAndParse(tour.client(), document, out).block();
        }
    }

    /** Uploads {@code document}, printing progress, then parses it and prints each chunk. */
    static Mono<ParseResponse> uploadAndParse(ReductoClient client, UploadSource document, PrintStream out) {
        return client.uploadWithProgress(document)
                .doOnNext(event -> {
                    if (event instanceof UploadEvent.Progress sent) {
                        out.printf(Locale.ROOT, "uploaded %d of %d bytes (%.0f %%)%n", sent.progress().bytesSent(),
                                sent.progress().totalBytes(), sent.progress().fraction() * 100);
                    }
                })
                .ofType(UploadEvent.Completed.class)
                .single()
                .flatMap(done -> client.parse().run(ParseRequest.builder()
                        .input(DocumentInput.fileId(done.upload().fileId()))
                        .build()))
                .map(RunResult::response)
                .doOnNext(parsed -> {
                    out.println("parsed " + parsed.usage().numPages() + " page(s):");
                    if (parsed.result() instanceof FullResult full) {
                        full.chunks().forEach(chunk -> out.println(chunk.content()));
                    }
                });
    }
}
