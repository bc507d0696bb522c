package dev.baton.conversation;

/**
 * A conversation between one visitor and the support team, as stored: who started it, who owns it now and the
 * last position written to its log.
 */
public record Conversation(String id, String visitorId, Owner owner, long createdAt, String locale, String lastSeq) {}
