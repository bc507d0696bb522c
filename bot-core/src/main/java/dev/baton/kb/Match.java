package dev.baton.kb;

/**
 * An article a retriever found for a question.
 *
 * @param score what ranks the matches of one question (higher is better)
 * @param confidence how sure retrieval is that the article answers the question, comparable across questions and
 *     knowledge bases: the cosine similarity score for English, the share of the question's words the article has
 *     for languages without embeddings
 */
public record Match(String articleId, double score, double confidence) {}
