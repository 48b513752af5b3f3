/**
 * The machinery behind {@link io.reductor.reactor.ReductoClient}; not exported by the module and without any
 * compatibility promise. {@link io.reductor.reactor.internal.ClientContext} is assembled once per client and holds the
 * rest: {@link io.reductor.reactor.internal.Endpoints} turns requests into {@link io.reductor.reactor.internal.Call}s,
 * {@link io.reductor.reactor.internal.Transport} sends them with the retry rules ({@code RetryRules}), pacing after
 * 429s ({@code RatePacer}, {@code AdaptiveLimit}), timeouts and size caps, through the one network seam,
 * {@link io.reductor.reactor.internal.HttpExchange}, whose Netty implementation decides, once, whether a failed request
 * was sent. Jobs are read, awaited and listed by {@link io.reductor.reactor.internal.JobService}; uploads and bulk runs
 * have their own classes.
 *
 * <p>Classes here receive what they need when the context is assembled and never call back into the public facade;
 * nothing builds JSON by hand or sends bytes around the transport.
 */
package io.reductor.reactor.internal;
