/**
 * Asynchronous jobs once they exist: reading, listing and their results. Start from
 * {@link io.reductor.core.model.job.JobResponse}, the answer of {@code GET /job/{job_id}} with its
 * {@link io.reductor.core.model.job.JobStatus} and, once completed, its {@link io.reductor.core.model.job.JobResult}: a
 * union with one variant per kind of job, chosen by {@code response_type} or by shape, and an {@code Unknown} variant
 * that keeps a result this version cannot place. {@link io.reductor.core.model.job.SubmittedJob} is what every
 * {@code *_async} endpoint answers, and {@link io.reductor.core.model.job.RunResult} what a synchronous endpoint
 * answers (the result, or the job it created for an {@code async} request). Listing uses
 * {@link io.reductor.core.model.job.ListJobsRequest} and {@link io.reductor.core.model.job.JobsPage} with its cursor.
 *
 * <p>{@code GetJobRequest} and {@code ListJobsRequest} check their arguments when constructed (a job id neither blank
 * nor padded, a positive long-poll timeout, a page size from 1 to 500) and throw {@link IllegalArgumentException}. The
 * other records follow the rules of {@link io.reductor.core.model.common}.
 */
package io.reductor.core.model.job;
