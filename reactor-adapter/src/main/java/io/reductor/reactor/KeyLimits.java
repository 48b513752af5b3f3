package io.reductor.reactor;

/**
 * The rate limits of one API key, where they are known. A pacer given them never sends faster than they allow, from
 * the first call on, instead of learning the limit from the 429s of a first burst; it still slows down below them
 * when the service answers 429 (load shedding, or a key whose limits are lower than given). A lane whose limit is
 * unknown ({@link Double#POSITIVE_INFINITY}) is learned from 429s alone.
 *
 * @param requestsPerSecond every call to the API, per second (the per-key limit, {@code [CODE 1000]})
 * @param jobPollsPerSecond {@code GET /job/{id}} calls per second (the polling limit, {@code [CODE 2000]}); polls also
 *                          count against {@code requestsPerSecond}
 */
public record KeyLimits(double requestsPerSecond, double jobPollsPerSecond) {

    private static final KeyLimits UNKNOWN = new KeyLimits(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    /**
     * Checks both limits.
     *
     * @param requestsPerSecond every call to the API, per second
     * @param jobPollsPerSecond job polls per second
     * @throws IllegalArgumentException if a limit is not a positive number (infinity meaning unknown)
     */
    public KeyLimits {
        check("requestsPerSecond", requestsPerSecond);
        check("jobPollsPerSecond", jobPollsPerSecond);
    }

    /**
     * Limits learned from 429s alone: what a pacer does unless told otherwise.
     *
     * @return both limits unknown
     */
    public static KeyLimits unknown() {
        return UNKNOWN;
    }

    /**
     * The limits Reducto documents for a key: 1,000 requests a second, of which at most 200 polls of
     * {@code GET /job/{id}} (its public rate-limit documentation). Give your own where your key's differ.
     *
     * @return 1,000 requests and 200 job polls a second
     */
    public static KeyLimits documented() {
        return new KeyLimits(1000, 200);
    }

    /**
     * The limit of one lane.
     *
     * @param lane the lane
     * @return calls a second, {@link Double#POSITIVE_INFINITY} when unknown
     */
    public double of(RequestPacer.Lane lane) {
        return lane == RequestPacer.Lane.REQUESTS ? requestsPerSecond : jobPollsPerSecond;
    }

    private static void check(String name, double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException(name + " must be a positive number of calls a second, or "
                    + "Double.POSITIVE_INFINITY when unknown, but was " + perSecond);
        }
    }
}
