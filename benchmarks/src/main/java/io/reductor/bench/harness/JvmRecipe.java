package io.reductor.bench.harness;

import java.util.List;
import java.util.Optional;

/**
 * How a client JVM is tuned. The cold recipes add one step each to the one before, so that a run shows what each part
 * buys; the last, {@link #BATCH}, is the recipe for short batch processes. A long-running service keeps the JIT's
 * defaults: {@link #DEFAULT}, or {@link #SERVICE} when its memory matters.
 */
public enum JvmRecipe implements NamedValue {

    /** The JVM's defaults (C1 and C2, G1) with the scenario's own heap limit. */
    DEFAULT("default", Optional.empty(), List.of(), false, null),
    /** C1 only: far less compiling, slower peak code. */
    C1("c1", Optional.empty(), List.of("-XX:TieredStopAtLevel=1"), false, Mode.COLD),
    /** C1 only, a 64 MiB heap and the serial collector (no concurrent GC threads, a small footprint). */
    C1_SMALL_HEAP("c1-serial-64m", Optional.of("-Xmx64m"), List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
            false, Mode.COLD),
    /**
     * The short batch recipe: {@link #C1_SMALL_HEAP} plus an application class-data sharing (AppCDS) archive of the
     * classes the client loads, made by a training run of the same client.
     */
    BATCH("batch", Optional.of("-Xmx64m"), List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), true, Mode.COLD),
    /**
     * A long-running service whose memory matters: the default compilers, a 32 MiB heap and the serial collector;
     * measured warm.
     */
    SERVICE("service-32m", Optional.of("-Xmx32m"), List.of("-XX:+UseSerialGC"), false, Mode.WARM);

    private final String id;
    private final Optional<String> heap;
    private final List<String> options;
    private final boolean classDataArchive;
    private final Mode mode;

    JvmRecipe(String id, Optional<String> heap, List<String> options, boolean classDataArchive, Mode mode) {
        this.id = id;
        this.heap = heap;
        this.options = options;
        this.classDataArchive = classDataArchive;
        this.mode = mode;
    }

    /**
     * The recipe's name in options, reports and run names.
     *
     * @return for example {@code "c1-serial-64m"}
     */
    @Override
    public String id() {
        return id;
    }

    /**
     * The heap option that replaces the scenario's.
     *
     * @return for example {@code -Xmx64m}, or empty to keep the scenario's
     */
    public Optional<String> heap() {
        return heap;
    }

    /**
     * The JVM options besides the heap and the archive.
     *
     * @return the options, possibly none
     */
    public List<String> options() {
        return options;
    }

    /**
     * Whether the JVM maps an AppCDS archive made by a training run of the same client.
     *
     * @return {@code true} for {@link #BATCH}
     */
    public boolean classDataArchive() {
        return classDataArchive;
    }

    /**
     * Whether runs in {@code mode} are measured with this recipe: {@link #DEFAULT} in both, the batch recipes cold,
     * {@link #SERVICE} warm.
     *
     * @param mode cold or warm
     * @return whether the recipe belongs to the mode
     */
    public boolean measures(Mode mode) {
        return this.mode == null || this.mode == mode;
    }

    /**
     * The recipe of a name.
     *
     * @param id a name such as {@code "batch"}
     * @return the recipe
     * @throws IllegalArgumentException for an unknown name
     */
    public static JvmRecipe byId(String id) {
        return NamedValue.byId(JvmRecipe.class, "JVM recipe", "recipes", id);
    }

    @Override
    public String toString() {
        return id;
    }
}
