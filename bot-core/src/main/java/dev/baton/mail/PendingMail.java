package dev.baton.mail;

/**
 * An email Baton owes a customer, waiting in the {@link MailOutbox} until it is due: the agent's replies not yet
 * mailed ({@code replies}, one pending per conversation, so replies in a row go together), or the rating request
 * after a resolve ({@code csat}). What it says is read from the conversation when it is sent.
 *
 * @param resolvedSeq for {@code csat}: the resolve it follows
 * @param attempts how many sends failed for now so far
 */
public record PendingMail(String id, String kind, String conversationId, String resolvedSeq, int attempts) {
    public static final String REPLIES = "replies";
    public static final String CSAT = "csat";

    static PendingMail replies(String conversationId) {
        return new PendingMail(REPLIES + ":" + conversationId, REPLIES, conversationId, null, 0);
    }

    static PendingMail csat(String conversationId, String resolvedSeq) {
        return new PendingMail(CSAT + ":" + conversationId + ":" + resolvedSeq, CSAT, conversationId, resolvedSeq, 0);
    }

    PendingMail afterFailure() {
        return new PendingMail(id, kind, conversationId, resolvedSeq, attempts + 1);
    }
}
