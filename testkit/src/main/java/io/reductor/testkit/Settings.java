package io.reductor.testkit;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * A simulator's configuration, made by {@link #builder()}: every component is set by name and has a default there.
 *
 * @param apiKey             the accepted API key
 * @param port               the port, 0 for a random one
 * @param timePerPage        simulated processing time per page
 * @param queueTime          time a job spends Pending, and again Completing
 * @param scheduler          where delays run, and the time source of rate limits and progress
 * @param clock              the clock of timestamps, retention and URL expiry
 * @param retention          how long jobs and results are kept
 * @param urlResultThreshold parse results larger than this many bytes (JSON) are delivered as a URL
 * @param resultUrlLifetime  how long result URLs stay valid
 * @param rateLimit          requests per second per key, 0 for no limit
 * @param jobPollRateLimit   {@code GET /job} requests per second per key, 0 for no limit
 * @param faults             fault injection
 * @param maxBodyBytes       the largest request body accepted
 * @param version            what {@code GET /version} answers
 * @param svixUrl            where Svix-mode webhooks are delivered, asked at each delivery, or {@code null}
 * @param svixSecret         the {@code whsec_} secret Svix-mode webhooks are signed with
 * @param discardUploadContent whether uploads are streamed through, counted and hashed, instead of kept
 * @param longPollUntilFinished whether a long poll of {@code GET /job} is held until the job finishes rather than
 *                              until its next status change
 * @param rateLimitRetryAfter whether 429s carry a {@code Retry-After} header
 */
record Settings(String apiKey, int port, Duration timePerPage, Duration queueTime, Scheduler scheduler, Clock clock,
                Duration retention, long urlResultThreshold, Duration resultUrlLifetime, double rateLimit,
                double jobPollRateLimit, FaultInjection faults, long maxBodyBytes, String version, Supplier<String> svixUrl,
                String svixSecret, boolean discardUploadContent, boolean longPollUntilFinished,
                boolean rateLimitRetryAfter) {

    /** A builder holding the defaults; arguments are checked by {@link ReductoSimulator.Builder}, not here. */
    static Builder builder() {
        return new Builder();
    }

    /** Collects settings by name. Not thread-safe. */
    static final class Builder {
        private String apiKey = ReductoSimulator.DEFAULT_API_KEY;
        private int port;
        private Duration timePerPage = Duration.ofMillis(10);
        private Duration queueTime = Duration.ofMillis(2);
        private Scheduler scheduler = Schedulers.parallel();
        private Clock clock = Clock.systemUTC();
        private Duration retention = Duration.ofHours(12);
        private long urlResultThreshold = 6_000_000;
        private Duration resultUrlLifetime = Duration.ofHours(1);
        private double rateLimit;
        private double jobPollRateLimit;
        private boolean rateLimitRetryAfter = true;
        private FaultInjection faults = FaultInjection.NONE;
        private long maxBodyBytes = 512L * 1024 * 1024;
        private String version = "v1.11.57-simulator";
        private Supplier<String> svixUrl;
        private String svixSecret;
        private boolean discardUploadContent;
        private boolean longPollUntilFinished;

        private Builder() {
        }

        Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        Builder port(int port) {
            this.port = port;
            return this;
        }

        Builder timePerPage(Duration timePerPage) {
            this.timePerPage = timePerPage;
            return this;
        }

        Builder queueTime(Duration queueTime) {
            this.queueTime = queueTime;
            return this;
        }

        Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        Builder urlResultThreshold(long bytes) {
            this.urlResultThreshold = bytes;
            return this;
        }

        Builder resultUrlLifetime(Duration lifetime) {
            this.resultUrlLifetime = lifetime;
            return this;
        }

        Builder rateLimit(double perSecond) {
            this.rateLimit = perSecond;
            return this;
        }

        Builder rateLimitRetryAfter(boolean retryAfter) {
            this.rateLimitRetryAfter = retryAfter;
            return this;
        }

        Builder jobPollRateLimit(double perSecond) {
            this.jobPollRateLimit = perSecond;
            return this;
        }

        Builder faults(FaultInjection faults) {
            this.faults = faults;
            return this;
        }

        Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        Builder version(String version) {
            this.version = version;
            return this;
        }

        Builder svixUrl(Supplier<String> url) {
            this.svixUrl = url;
            return this;
        }

        Builder svixSecret(String secret) {
            this.svixSecret = secret;
            return this;
        }

        Builder discardUploadContent(boolean discard) {
            this.discardUploadContent = discard;
            return this;
        }

        Builder longPollUntilFinished(boolean untilFinished) {
            this.longPollUntilFinished = untilFinished;
            return this;
        }

        /** The settings as set so far; without a Svix secret, each call generates a new one. */
        Settings build() {
            return new Settings(apiKey, port, timePerPage, queueTime, scheduler, clock, retention, urlResultThreshold,
                    resultUrlLifetime, rateLimit, jobPollRateLimit, faults, maxBodyBytes, version, svixUrl,
                    svixSecret == null ? generatedSecret() : svixSecret, discardUploadContent,
                    longPollUntilFinished, rateLimitRetryAfter);
        }

        private static String generatedSecret() {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            return "whsec_" + Base64.getEncoder().encodeToString(random);
        }
    }
}
