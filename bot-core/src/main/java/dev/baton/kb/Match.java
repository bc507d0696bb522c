package dev.baton.kb;

/**
 * An article a retriever found for a question.
 *
 * @param score what ranks the matches of one question (higher is better)
 * @param confidence how sure retrieval is that the article answers the question, comparable across questions and
 *     knowledge bases: the ranker's probability, or for languages without embeddings the share of the question's
 *     words the article has
 * @param byWords whether {@code confidence} is that share of words (each kind has its own thresholds)
 */
public record Match(String articleId, double score, double confidence, boolean byWords) {}
