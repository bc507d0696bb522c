package dev.baton.conversation;

/** The knowledge-base article a bot reply was taken from, with the link the customer can open. */
public record Citation(String articleId, String title, String url) {}
