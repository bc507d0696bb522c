package dev.baton.kb;

/** An article a retriever found for a question, with its score (higher is better; scale depends on the retriever). */
public record Match(String articleId, double score) {}
