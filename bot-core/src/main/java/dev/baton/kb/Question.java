package dev.baton.kb;

/**
 * A customer's question prepared once for retrieval.
 *
 * @param vector its embedding for matching other questions (example questions, titles), or null when the model
 *     does not know its language
 * @param passageVector its embedding with the model's search instruction, for matching article passages
 * @param english for a question in a language without embeddings, its words read through the glossary into English
 *     (so it can reach an article only written in English), or null when none of its words are in the glossary
 */
public record Question(String text, String language, float[] vector, float[] passageVector, Question english) {}
