package io.reductor.bench.harness;

/**
 * Whether a client process is measured from its start or after it has done the same work once already.
 */
public enum Mode implements NamedValue {

    /** A fresh process: the measured work is its first, so class loading and JIT compilation are part of it. */
    COLD("cold"),
    /**
     * The same process after an unmeasured warm-up of the same size: the measured work is its second, as in a
     * long-running service.
     */
    WARM("warm");

    private final String id;

    Mode(String id) {
        this.id = id;
    }

    /**
     * The mode's name in options, reports and run names.
     *
     * @return {@code "cold"} or {@code "warm"}
     */
    @Override
    public String id() {
        return id;
    }

    /**
     * The mode of a name.
     *
     * @param id {@code "cold"} or {@code "warm"}
     * @return the mode
     * @throws IllegalArgumentException for any other name
     */
    public static Mode byId(String id) {
        return NamedValue.byId(Mode.class, "mode", "modes", id);
    }

    @Override
    public String toString() {
        return id;
    }
}
