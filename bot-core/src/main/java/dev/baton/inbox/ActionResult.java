package dev.baton.inbox;

/**
 * How an agent's action on a conversation ended.
 *
 * @param heldBy with {@link Outcome#CLAIMED_BY_OTHER}: the id of the agent who holds it
 */
public record ActionResult(Outcome outcome, String seq, String heldBy) {

    public enum Outcome {
        DONE,
        /** Another agent holds the conversation. */
        CLAIMED_BY_OTHER,
        /** Only the agent who holds it may do this. */
        NOT_YOURS,
        /** Not possible in the conversation's state (resolving what is resolved, ...). */
        WRONG_STATE,
        /** The agent it would go to already has as many conversations as they take. */
        OVER_CAPACITY,
        NOT_FOUND
    }

    static ActionResult done(String seq) {
        return new ActionResult(Outcome.DONE, seq, null);
    }

    static ActionResult of(Outcome outcome) {
        return new ActionResult(outcome, null, null);
    }

    public boolean ok() {
        return outcome == Outcome.DONE;
    }
}
