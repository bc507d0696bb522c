package dev.baton.kb;

/**
 * The knowledge base's best answer to a question: the article, the passage of it that answers, how sure retrieval
 * is, and whether that is sure enough to say it to a customer.
 */
public record Answer(Article article, String passage, double confidence, boolean confident) {}
