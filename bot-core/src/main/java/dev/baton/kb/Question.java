package dev.baton.kb;

/** A customer's question prepared once for retrieval: its language and, when the model knows it, its embedding. */
public record Question(String text, String language, float[] vector) {}
