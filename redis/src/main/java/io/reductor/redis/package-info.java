/**
 * What several instances of an ingest service share through one Redis: {@link io.reductor.redis.RedisWebhookHub}
 * (a webhook received by any instance wakes the awaits of its job on every instance),
 * {@link io.reductor.redis.RedisRequestPacer} (one request budget per API key, shared by all instances) and
 * {@link io.reductor.redis.RedisBulkLedger} (each document's job recorded before it is awaited, so a restarted run
 * submits only what was never submitted). All three run on Lettuce's reactive API; only their {@code create} methods
 * (which connect) and {@code close} methods (which disconnect) block the calling thread.
 */
package io.reductor.redis;
