package dev.baton.conversation;

import java.util.List;

/**
 * What happened to a write: the positions of the events it stored, or why it stored nothing (and, when the owner
 * was wrong, who owns the conversation now and which agent holds it; when over the budget, when to try again).
 */
public record AppendResult(Status status, List<String> seqs, Owner currentOwner, String currentAssignee,
        long retryAfterMillis) {

    public enum Status {
        /** Stored now at {@code seqs}. */
        APPENDED,
        /** A message with the same client id was stored before, at {@code seqs.get(0)}; nothing new was written. */
        DUPLICATE,
        /** The conversation's owner was not one the write allowed; nothing was written. */
        NOT_OWNER,
        /** The agent who would get the conversation already holds as many as they may; nothing was written. */
        OVER_CAPACITY,
        /** No such conversation (never created, or expired before its first message). */
        NO_CONVERSATION,
        /** The conversation took its budget of customer events this minute; nothing was written. */
        RATE_LIMITED,
        /** There was nothing new to write (a read receipt that does not move forward); nothing was written. */
        UNCHANGED
    }

    public AppendResult {
        seqs = List.copyOf(seqs);
        currentAssignee = currentAssignee == null || currentAssignee.isEmpty() ? null : currentAssignee;
    }

    public AppendResult(Status status, List<String> seqs, Owner currentOwner, String currentAssignee) {
        this(status, seqs, currentOwner, currentAssignee, 0);
    }

    public AppendResult(Status status, List<String> seqs, Owner currentOwner) {
        this(status, seqs, currentOwner, null);
    }

    /** Nothing written: over the conversation's budget until {@code retryAfterMillis} from now. */
    public static AppendResult rateLimited(long retryAfterMillis) {
        return new AppendResult(Status.RATE_LIMITED, List.of(), null, null, retryAfterMillis);
    }

    /** Nothing written: nothing new to write, the conversation is as it was. */
    public static AppendResult unchanged(Owner owner) {
        return new AppendResult(Status.UNCHANGED, List.of(), owner);
    }

    /** The seq of the (first) event stored, or null when nothing was. */
    public String seq() {
        return seqs.isEmpty() ? null : seqs.get(0);
    }

    public boolean stored() {
        return status == Status.APPENDED || status == Status.DUPLICATE;
    }
}
