package dev.baton.conversation;

/** What happened to an event offered to a conversation's log, and its position when it is there. */
public record AppendResult(Status status, String seq) {

    public enum Status {
        /** Stored now at {@code seq}. */
        APPENDED,
        /** A message with the same client id was stored before, at {@code seq}; nothing new was written. */
        DUPLICATE,
        /** The writer required an owner the conversation no longer has; nothing was written. */
        NOT_OWNER,
        /** No such conversation (never created, or expired before its first message). */
        NO_CONVERSATION
    }

    public boolean stored() {
        return status == Status.APPENDED || status == Status.DUPLICATE;
    }
}
