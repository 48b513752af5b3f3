package io.reductor.testkit;

/** A request the simulator refuses, answered with {@link #reply()}; thrown where the reason is found. */
final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    Refusal(Reply reply) {
        super(null, null, false, false);
        this.reply = reply;
    }

    /** The answer to send. */
    Reply reply() {
        return reply;
    }
}
