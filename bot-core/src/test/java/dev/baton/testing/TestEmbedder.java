package dev.baton.testing;

import dev.baton.kb.OnnxEmbedder;

/** The real embedding model, loaded once per test JVM (loading takes about a second). */
public final class TestEmbedder {
    private static OnnxEmbedder embedder;

    private TestEmbedder() {}

    public static synchronized OnnxEmbedder get() {
        if (embedder == null) {
            embedder = new OnnxEmbedder(2);
        }
        return embedder;
    }
}
