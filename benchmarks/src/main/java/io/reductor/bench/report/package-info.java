/**
 * The results of a run: {@link io.reductor.bench.report.Report} (its rows, as written to {@code results.json}),
 * {@link io.reductor.bench.report.Targets} (the verdicts), {@link io.reductor.bench.report.ResultsWriter} (JSON,
 * CSV, Markdown, charts and the terminal table) and {@link io.reductor.bench.report.ProfileSummary} (where a client's
 * time went, from a flight recording).
 */
package io.reductor.bench.report;
