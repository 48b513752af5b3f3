package io.reductor.bench.harness;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A flight-recorder event spanning the measured work of a client process, so that a profile of a warm run can leave
 * out its warm-up (see {@code ProfileSummary}). Costs nothing when no recording is running.
 */
@Name(MeasuredWork.NAME)
@Label("Measured work")
@Category("Reductor benchmarks")
@Description("The part of a client process that the benchmark measures")
public final class MeasuredWork extends jdk.jfr.Event {

    /** The event's name in recordings. */
    public static final String NAME = "io.reductor.bench.MeasuredWork";
}
