package io.reductor.samples.tour;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.common.WebhookConfig;
import io.reductor.core.model.job.SubmittedJob;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.reactor.ReductoClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * Tour: be told when a job finishes instead of polling.
 *
 * <p>A job submitted with {@code async.webhook} makes Reducto POST {@code {"status", "job_id", "metadata"}} when it
 * completes or fails; {@code metadata} is whatever JSON you put in {@code async.metadata}, handy to find your own
 * record again. Here a small Reactor Netty server receives it. In direct mode ({@link WebhookConfig#direct(String)})
 * the request is not signed and may arrive more than once (it is retried), so treat it as a hint: check the job with
 * {@link ReductoClient#getJob(String)}, and make the handling idempotent. Svix mode ({@link WebhookConfig#svix()},
 * set up with {@code configureWebhook()}) signs each delivery; {@code SvixWebhookVerifier} with
 * {@code WebhookReceiver} checks them, as the {@code SharedIngest} sample's receiver does.
 *
 * <pre>Webhooks [PUBLIC_URL PORT]</pre>
 *
 * <p>Reducto's servers cannot reach {@code 127.0.0.1}: against the real API, pass a public URL (a tunnel, say) that
 * forwards to the local {@code PORT}. On the simulator the receiver's own address is used.
 */
public final class Webhooks {

    private static final String PATH = "/reducto-webhook";
    private static final JsonCodec CODEC = JsonCodec.standard();

    private Webhooks() {
    }

    /** Runs the sample: against the real API when {@code REDUCTO_API_KEY} is set, else on the simulator. */
    public static void main(String[] args) {
        run(args, System.getenv(), System.out);
    }

    /** The program, with its environment and output given. */
    static Received run(String[] args, Map<String, String> environment, PrintStream out) {
        String publicUrl = args.length > 0 ? args[0] : null;
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        try (Tour tour = Tour.start("Webhooks", environment, out)) {
            if (tour.simulator().isEmpty() && publicUrl == null) {
                out.println("Give the public URL that reaches this machine and its local port: Webhooks URL PORT");
                return null;
            }
            ReductoClient client = tour.client();
            JsonNode metadata = CODEC.readTree("{\"order\": \"PO-7731\", \"customer\": \"Globex\"}");
            return client.upload(Tour.document("invoice-acme-1042.pdf"))
                    .flatMap(upload -> submitAndReceive(client, DocumentInput.fileId(upload.fileId()), metadata,
                            port, publicUrl, out))
                    .block();
        }
    }

    /** What a webhook delivery says. */
    record Notification(String status, String jobId, JsonNode metadata) {
    }

    /** The job submitted and the first webhook received about it. */
    record Received(SubmittedJob job, Notification notification) {
    }

    /**
     * Starts a receiver on {@code 127.0.0.1:port} (0 for any free port), parses {@code input} as a job that reports to
     * it (through {@code publicUrl} when given), and gives the first notification. The receiver stops afterwards.
     */
    static Mono<Received> submitAndReceive(ReductoClient client, DocumentInput input, JsonNode metadata, int port,
            String publicUrl, PrintStream out) {
        Sinks.One<Notification> received = Sinks.one();
        Mono<? extends DisposableServer> receiver = HttpServer.create().host("127.0.0.1").port(port)
                .route(routes -> routes.post(PATH, (request, response) -> request.receive().aggregate().asByteArray()
                        .doOnNext(body -> {
                            JsonNode json = CODEC.readTree(body);
                            received.tryEmitValue(new Notification(json.path("status").asText(),
                                    json.path("job_id").asText(), json.path("metadata")));
                        })
                        .then(response.status(HttpResponseStatus.NO_CONTENT).send().then())))
                .bind();
        return Mono.usingWhen(receiver, server -> {
            String url = publicUrl != null ? publicUrl : "http://127.0.0.1:" + server.port() + PATH;
            ParseRequest request = ParseRequest.builder()
                    .input(input)
                    .async(AsyncOptions.builder().webhook(WebhookConfig.direct(url)).metadata(metadata).build())
                    .build();
            return client.parse().runJob(request)
                    .doOnNext(job -> out.println("submitted job " + job.jobId() + "; its webhook goes to " + url))
                    .zipWith(received.asMono().timeout(Duration.ofMinutes(10)), Received::new)
                    .doOnNext(done -> out.println("webhook: status " + done.notification().status() + ", job_id "
                            + done.notification().jobId() + ", metadata " + done.notification().metadata()));
        }, server -> {
            server.dispose();
            return server.onDispose();
        });
    }
}
