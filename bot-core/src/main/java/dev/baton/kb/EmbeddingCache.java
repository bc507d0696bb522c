package dev.baton.kb;

import java.util.Collection;
import java.util.Map;

/** Vectors kept by content hash, so unchanged articles are not embedded again after a restart. */
public interface EmbeddingCache {

    /** The cached vectors among {@code keys}; missing keys are simply absent from the map. */
    Map<String, float[]> getAll(Collection<String> keys);

    void putAll(Map<String, float[]> vectors);
}
