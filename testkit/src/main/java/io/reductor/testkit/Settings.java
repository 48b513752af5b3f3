package io.reductor.testkit;

import reactor.core.scheduler.Scheduler;

import java.time.Clock;
import java.time.Duration;

/**
 * A simulator's configuration, as its builder left it.
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
 * @param svixUrl            where Svix-mode webhooks are delivered, or {@code null}
 * @param svixSecret         the {@code whsec_} secret Svix-mode webhooks are signed with
 * @param discardUploadContent whether uploads are streamed through, counted and hashed, instead of kept
 * @param longPollUntilFinished whether a long poll of {@code GET /job} is held until the job finishes rather than
 *                              until its next status change
 */
record Settings(String apiKey, int port, Duration timePerPage, Duration queueTime, Scheduler scheduler, Clock clock,
                Duration retention, long urlResultThreshold, Duration resultUrlLifetime, double rateLimit,
                double jobPollRateLimit, FaultInjection faults, long maxBodyBytes, String version, String svixUrl,
                String svixSecret, boolean discardUploadContent, boolean longPollUntilFinished) {
}
