package io.reductor.spring.boot;

import io.reductor.reactor.ReductoEnvironment;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The {@code reducto.*} settings of the auto-configured {@code ReductoClient}. Every client setting left out keeps the
 * client's own default; the API key also binds from the {@code REDUCTO_API_KEY} environment variable, as Spring Boot
 * binds any environment variable to the property of the same name.
 *
 * @param apiKey            The API key, sent as "Authorization: Bearer"; required
 * @param baseUrl           The API's base URL, for example a proxy; "http://" only for loopback hosts; not
 *                          together with "environment"
 * @param environment       The Reducto region ("production", "eu", "au") when no base URL is given;
 *                          "production" when neither is
 * @param connectTimeout    How long to wait for a TCP connection (client default 10 s)
 * @param processingTimeout The per-attempt response timeout of the synchronous runs (parse, extract, split, edit,
 *                          pipeline, classify; client default 960 s, the service's 900 s limit plus a margin)
 * @param defaultTimeout    The per-attempt response timeout of every other call (client default 60 s)
 * @param responseTimeout   One per-attempt response timeout for every call, overriding the two above
 * @param totalTimeout      The deadline of one call, retries and rate-limit waits included (client default none)
 * @param maxConnections    The most connections open to the API at once (client default 64)
 * @param directUploadLimit Uploads larger than this go through a presigned URL; a stream of unknown length can only
 *                          go directly and fails past it (client default 100 MB, the service's direct limit)
 * @param retry             The retry policy
 * @param keyLimits         The API key's rate limits, where known
 * @param webhook           The webhook endpoint
 * @param health            The health indicator
 */
@ConfigurationProperties(prefix = "reducto")
public record ReductoProperties(
        String apiKey,
        String baseUrl,
        ReductoEnvironment environment,
        Duration connectTimeout,
        Duration processingTimeout,
        Duration defaultTimeout,
        Duration responseTimeout,
        Duration totalTimeout,
        Integer maxConnections,
        DataSize directUploadLimit,
        @DefaultValue Retry retry,
        @DefaultValue KeyLimits keyLimits,
        @DefaultValue Webhook webhook,
        @DefaultValue Health health) {

    /**
     * {@code reducto.key-limits.*}: the API key's rate limits, where known; the client then never sends faster, from
     * the first call on, instead of learning them from 429s. Left out, a limit is learned. Not together with a
     * {@code RequestPacer} bean, which takes its limits when it is made.
     *
     * @param requestsPerSecond Every call to the API, per second (Reducto documents 1000)
     * @param jobPollsPerSecond Job status polls per second, counted in the requests too (Reducto documents 200)
     */
    public record KeyLimits(Double requestsPerSecond, Double jobPollsPerSecond) {

        /** Whether either limit is set. */
        boolean given() {
            return requestsPerSecond != null || jobPollsPerSecond != null;
        }
    }

    /**
     * {@code reducto.retry.*}: the client's retry policy. Left out, each keeps the client's default.
     *
     * @param maxRetries       Retries after the first attempt (client default 2); 0 turns retries off
     * @param initialBackoff   The wait before the first retry, doubled for each next one (client default 0.5 s)
     * @param maxBackoff       The longest wait between two attempts (client default 8 s)
     * @param maxRateLimitWait How long calls may wait their turn while the service answers 429 (client default 10 min)
     */
    public record Retry(Integer maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRateLimitWait) {
    }

    /**
     * {@code reducto.webhook.*}: with a secret set, a verified webhook endpoint that completes the client's awaits as
     * soon as a job's webhook arrives (polling stays the fallback).
     *
     * @param secret      Svix mode: the endpoint's "whsec_" signing secret; direct mode: the shared secret the
     *                    application puts into each job's "async.metadata"; no endpoint without it
     * @param mode        How Reducto delivers: "svix" (signed, the default) or "direct" (unsigned,
     *                    authenticated by the shared secret in the metadata)
     * @param path        Where the endpoint listens
     * @param maxBodySize The largest webhook body accepted; a larger one is answered 413
     */
    public record Webhook(
            String secret,
            @DefaultValue("svix") Mode mode,
            @DefaultValue("/webhooks/reducto") String path,
            @DefaultValue("64KB") DataSize maxBodySize) {

        /** How Reducto delivers webhooks to the application. */
        public enum Mode {
            /** Through Svix, signed with the endpoint's {@code whsec_} secret. */
            SVIX,
            /** Directly, unsigned; the shared secret travels in the job's metadata. */
            DIRECT
        }

        /**
         * Whether a secret is set, so that the endpoint exists.
         *
         * @return true when {@link #secret()} is not blank
         */
        public boolean enabled() {
            return secret != null && !secret.isBlank();
        }

        @Override
        public String toString() {
            return "Webhook{mode=" + mode + ", path=" + path + ", secret=" + (enabled() ? "[set]" : "[none]") + "}";
        }
    }

    /**
     * {@code reducto.health.*}: a health indicator that asks the API for its version ({@code GET /version}).
     *
     * @param enabled  Whether the indicator exists; off by default, as each check is a request to the API
     * @param cacheFor How long one answer is reused before the next check asks again
     */
    public record Health(@DefaultValue("false") boolean enabled, @DefaultValue("30s") Duration cacheFor) {
    }

    @Override
    public String toString() {
        return "ReductoProperties{apiKey=" + (apiKey == null || apiKey.isBlank() ? "[none]" : "[set]")
                + ", baseUrl=" + baseUrl + ", environment=" + environment + ", retry=" + retry + ", webhook="
                + webhook + ", health=" + health + "}";
    }
}
