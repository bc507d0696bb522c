package dev.baton.conversation;

/**
 * A conversation between one customer and the support team, as stored: who the customer is, who owns it now, how
 * the team is handling it, and the last position written to its log.
 */
public record Conversation(String id, String visitorId, Owner owner, long createdAt, String locale, String lastSeq,
        Customer customer, Handling handling) {

    /** A conversation nobody has handled yet, with an anonymous visitor. */
    public Conversation(String id, String visitorId, Owner owner, long createdAt, String locale, String lastSeq) {
        this(id, visitorId, owner, createdAt, locale, lastSeq, Customer.visitor(visitorId, locale), Handling.NONE);
    }
}
