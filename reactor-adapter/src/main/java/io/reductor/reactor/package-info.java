/**
 * The Reducto API for Reactor: start from {@link io.reductor.reactor.ReductoClient}, built once per application with
 * {@link io.reductor.reactor.ReductoClient#builder()} (or {@link io.reductor.reactor.ReductoClient#create()} from the
 * environment), and its resource clients ({@code parse()}, {@code extract()}, {@code split()}, {@code edit()},
 * {@code pipeline()}, {@code classify()}), which send core's request records and give its response records.
 *
 * <p>Rules that hold across the package:
 * <ul>
 *   <li>Every {@code Mono} and {@code Flux} is cold: nothing is sent until it is subscribed, each subscription sends
 *       again, and cancelling aborts the exchange and frees its connection. Nothing blocks.</li>
 *   <li>Failures arrive as error signals of the {@code io.reductor.core.error} types; after retries, the caller gets
 *       the last attempt's own exception. Arguments are checked when a method is called ({@link NullPointerException}
 *       for a missing one, {@link IllegalArgumentException} for a bad value), not when the result is subscribed.</li>
 *   <li>Settings are immutable values whose {@code with...} methods or builders make changed copies:
 *       {@link io.reductor.reactor.RequestOptions} (timeouts, retries, headers per client),
 *       {@link io.reductor.reactor.RetryPolicy}, {@link io.reductor.reactor.AwaitOptions} (how a job is awaited) and
 *       {@link io.reductor.reactor.BulkOptions}.</li>
 *   <li>Delays run on the scheduler the builder was given, obtained per subscription, so
 *       {@code StepVerifier.withVirtualTime} drives retries and polling.</li>
 * </ul>
 * Jobs are awaited with {@link io.reductor.reactor.ReductoClient#awaitCompletion(String)} (a {@code Flux} of
 * {@link io.reductor.reactor.JobUpdate}s) or a resource client's {@code runJobAndAwait}; many documents go through
 * {@code submitAll}, which emits {@link io.reductor.reactor.BulkEvent}s; uploads take an
 * {@link io.reductor.reactor.UploadSource}; received webhooks are handled in {@link io.reductor.reactor.webhook}.
 */
package io.reductor.reactor;
