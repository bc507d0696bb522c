package dev.baton.conversation;

import java.util.List;

/**
 * What happened to a write: the positions of the events it stored, or why it stored nothing (and, when the owner
 * was wrong, who owns the conversation now).
 */
public record AppendResult(Status status, List<String> seqs, Owner currentOwner) {

    public enum Status {
        /** Stored now at {@code seqs}. */
        APPENDED,
        /** A message with the same client id was stored before, at {@code seqs.get(0)}; nothing new was written. */
        DUPLICATE,
        /** The conversation's owner was not one the write allowed; nothing was written. */
        NOT_OWNER,
        /** No such conversation (never created, or expired before its first message). */
        NO_CONVERSATION
    }

    public AppendResult {
        seqs = List.copyOf(seqs);
    }

    /** The seq of the (first) event stored, or null when nothing was. */
    public String seq() {
        return seqs.isEmpty() ? null : seqs.get(0);
    }

    public boolean stored() {
        return status == Status.APPENDED || status == Status.DUPLICATE;
    }
}
