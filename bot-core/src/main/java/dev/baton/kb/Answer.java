package dev.baton.kb;

/** What the bot can say to a question from the knowledge base: the article and the passage of it that answers. */
public record Answer(Article article, String passage) {}
