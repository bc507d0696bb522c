package dev.baton.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embeddings of the customer messages this process analysed lately, by text, so that comparing a message with
 * the earlier ones of its conversation costs no second embedding. Bounded (least recently used out); a message
 * analysed on another node is simply not here, and then the comparison falls back to shared words. Thread-safe.
 */
final class RecentVectors {
    /** About 8 MB: the last ten messages of 500 conversations going on at once. */
    static final int CAPACITY = 5_000;

    private final Map<String, float[]> byText = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void put(String text, float[] vector) {
        if (vector != null) {
            byText.put(text, vector);
        }
    }

    synchronized float[] get(String text) {
        return byText.get(text);
    }
}
