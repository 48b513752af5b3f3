package io.reductor.bench.harness;

import io.reductor.bench.clients.Client;

/**
 * What one measured run measures: a client, cold or warm, in a JVM tuned by a recipe ({@link JvmRecipe#DEFAULT} for
 * every warm run and every Node process).
 *
 * @param client the client
 * @param mode   cold (a fresh process) or warm (after a warm-up of the same size in the same process)
 * @param jvm    how its JVM is tuned
 */
public record Contender(Client client, Mode mode, JvmRecipe jvm) {

    /**
     * A cold run with the default JVM, as every run of a scenario that measures only cold processes.
     *
     * @param client the client
     * @return the contender
     */
    public static Contender cold(Client client) {
        return new Contender(client, Mode.COLD, JvmRecipe.DEFAULT);
    }

    /**
     * The suffix of the run's name: nothing for a cold run with the default JVM, else {@code -warm} or
     * {@code -<recipe>}.
     *
     * @return for example {@code "-warm"} or {@code "-batch"}
     */
    public String nameSuffix() {
        return (mode == Mode.WARM ? "-warm" : "") + (jvm == JvmRecipe.DEFAULT ? "" : "-" + jvm.id());
    }

    /**
     * How the run's mode and JVM are shown in progress lines.
     *
     * @return for example {@code "warm"} or {@code "cold, batch JVM"}
     */
    public String label() {
        return mode + (jvm == JvmRecipe.DEFAULT ? "" : ", " + jvm + " JVM");
    }
}
