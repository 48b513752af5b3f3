package io.reductor.core.model.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.reductor.core.json.ApiEnum;

import java.util.List;

/**
 * The state of an asynchronous job. The service's schemas list different subsets ({@code GET /job} documents Pending,
 * Completed, Failed and Idle; the job list adds InProgress, Completing and Cancelled), so this is an open set: a status
 * this version does not know is kept, is not {@linkplain #isTerminal() terminal}, and should be treated as still
 * running.
 */
public final class JobStatus extends ApiEnum {

    /** Accepted, not started. */
    public static final JobStatus PENDING = new JobStatus("Pending");

    /** Not started and not scheduled yet; like {@link #PENDING}, it means not finished. */
    public static final JobStatus IDLE = new JobStatus("Idle");

    /** Being processed. */
    public static final JobStatus IN_PROGRESS = new JobStatus("InProgress");

    /** Processing is done and the result is being stored. */
    public static final JobStatus COMPLETING = new JobStatus("Completing");

    /** Finished with a result (kept for 12 hours). */
    public static final JobStatus COMPLETED = new JobStatus("Completed");

    /** Finished without a result; the job's {@code reason} says why. */
    public static final JobStatus FAILED = new JobStatus("Failed");

    /** Cancelled before it finished. */
    public static final JobStatus CANCELLED = new JobStatus("Cancelled");

    private static final Known<JobStatus> KNOWN =
            Known.of(JobStatus::new, PENDING, IDLE, IN_PROGRESS, COMPLETING, COMPLETED, FAILED, CANCELLED);

    private JobStatus(String value) {
        super(value);
    }

    /** The status for a wire string: the matching constant, or a new value that is not known. */
    @JsonCreator
    public static JobStatus of(String value) {
        return KNOWN.resolve(value);
    }

    /** The statuses known to this version of Reductor. */
    public static List<JobStatus> knownValues() {
        return KNOWN.values();
    }

    @Override
    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    /** Whether the job has finished: completed, failed or cancelled. Unknown statuses are not terminal. */
    public boolean isTerminal() {
        return isSuccess() || isFailure();
    }

    /** Whether the job completed with a result. */
    public boolean isSuccess() {
        return equals(COMPLETED);
    }

    /** Whether the job failed or was cancelled. */
    public boolean isFailure() {
        return equals(FAILED) || equals(CANCELLED);
    }
}
