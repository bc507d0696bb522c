package dev.baton.kb;

import java.util.List;

/** Turns text into a unit-length vector whose dot product with another says how alike their meanings are. */
public interface Embedder {

    /** Names the model, so vectors of different models are never mixed (in caches, for example). */
    String modelId();

    float[] embed(String text);

    /** Many texts at once, in order; implementations may use several threads. */
    List<float[]> embedAll(List<String> texts);
}
