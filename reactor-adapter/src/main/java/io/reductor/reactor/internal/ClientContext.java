package io.reductor.reactor.internal;

import io.reductor.core.json.JsonCodec;
import io.reductor.reactor.RequestOptions;
import io.reductor.reactor.UploadSource;
import io.reductor.reactor.webhook.WebhookHub;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything a client needs, assembled once when it is built: the API's calls and options, the uploader, the result
 * resolver, the job service and the bulk runner. The public facade and resource clients delegate to it; nothing in
 * it calls back into them. {@link #withOptions} is the same context with other options, sharing the transport and
 * the connection pool.
 */
public final class ClientContext {

    /**
     * Client-wide settings that per-request options do not change.
     *
     * @param directUploadLimit uploads larger than this many bytes use the presigned-URL flow
     * @param resolveUrlResults whether parse results delivered as a URL are downloaded automatically
     * @param maxResultBytes    the largest result body downloaded from a result URL
     * @param poolSize          the connection pool size, the default concurrency of bulk submissions
     * @param scheduler         where polling waits and await deadlines run, obtained per subscription
     * @param network           the network as the client's lifecycle sees it: closing it refuses new calls and
     *                          disposes the pool the client created
     * @param webhooks          where the application publishes received webhooks, or {@code null} to poll only
     * @param uploadContent     how an upload source gives its content
     */
    public record Settings(long directUploadLimit, boolean resolveUrlResults, long maxResultBytes, int poolSize,
                           Supplier<Scheduler> scheduler, ClosableExchange network, WebhookHub webhooks,
                           Function<UploadSource, Uploader.Content> uploadContent) {
        /** Checks the arguments. */
        public Settings {
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(uploadContent, "uploadContent");
        }
    }

    private final Endpoints endpoints;
    private final Settings settings;
    private final Uploader uploader;
    private final ResultResolver resolver;
    private final JobService jobs;
    private final BulkRunner bulk;

    /** Assembles the parts over {@code endpoints}. */
    public ClientContext(Endpoints endpoints, Settings settings) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.uploader = new Uploader(endpoints, settings.directUploadLimit());
        this.resolver = new ResultResolver(endpoints, settings.maxResultBytes());
        Telemetry telemetry = endpoints.transport().telemetry();
        this.jobs = new JobService(endpoints, automaticResolver(), settings.scheduler(), settings.webhooks(),
                telemetry);
        this.bulk = new BulkRunner(source -> uploader.upload(contentOf(source)), jobs::awaitResult, jobs::jobs,
                endpoints.codec(), Clock.systemUTC(), settings.poolSize(), telemetry);
    }

    /** The same context with {@code overrides} applied to the options. */
    public ClientContext withOptions(RequestOptions overrides) {
        return new ClientContext(endpoints.withOptions(overrides), settings);
    }

    /** The API's calls, with the options in effect. */
    public Endpoints endpoints() {
        return endpoints;
    }

    /** The options in effect. */
    public RequestOptions options() {
        return endpoints.options();
    }

    /** The JSON codec. */
    public JsonCodec codec() {
        return endpoints.codec();
    }

    /** Uploads documents. */
    public Uploader uploader() {
        return uploader;
    }

    /** Downloads URL results, whatever {@link Settings#resolveUrlResults()} says. */
    public ResultResolver resolver() {
        return resolver;
    }

    /** The resolver applied to results automatically, or {@code null} when they are left as URLs. */
    public ResultResolver automaticResolver() {
        return settings.resolveUrlResults() ? resolver : null;
    }

    /** Reads, cancels, lists and awaits jobs. */
    public JobService jobs() {
        return jobs;
    }

    /** Runs documents through jobs with bounded concurrency. */
    public BulkRunner bulk() {
        return bulk;
    }

    /** How an upload source gives its content to the uploader. */
    public Uploader.Content contentOf(UploadSource source) {
        return settings.uploadContent().apply(source);
    }

    /** Refuses new calls and closes the connection pool the client created, once in-flight exchanges end. */
    public Mono<Void> disposeLater() {
        return settings.network().closeLater();
    }

    /** Refuses new calls and closes the connection pool the client created, without waiting. */
    public void close() {
        settings.network().close();
    }

    /** Never shows the API key. */
    @Override
    public String toString() {
        return endpoints.baseUri() + ", " + endpoints.options();
    }
}
