package io.reductor.bench.clients;

/**
 * The ingest benchmark with {@link RawNettyIngest}'s hand-written client reading every answer whole into a Jackson
 * tree, as hand-written code that goes on to use a finished job's result must: the raw client doing the work Reductor
 * does for its typed results, untyped. Same arguments and {@code RESULT} as {@link ReductorIngest}.
 */
public final class RawNettyTreeIngest {

    private RawNettyTreeIngest() {
    }

    /**
     * Runs the scenario under the {@link io.reductor.bench.harness.ChildMain} protocol.
     *
     * @param args {@code --name=value} arguments
     */
    public static void main(String[] args) {
        RawNettyIngest.run(args, true);
    }
}
