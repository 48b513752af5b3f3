/**
 * The end-to-end scenarios, each a {@link io.reductor.bench.harness.Scenario}: what it sets up, which clients it
 * runs in which settings and what row each run produces. {@link io.reductor.bench.scenarios.IngestScenario} (documents
 * through {@code pipeline_async}, awaited), {@link io.reductor.bench.scenarios.UploadScenario} (a large file, direct
 * and presigned) and {@link io.reductor.bench.scenarios.ListingScenario} (every job through {@code GET /jobs}).
 */
package io.reductor.bench.scenarios;
