package dev.baton.kb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * An embedder that asks a cache first, by a hash of the model and the text, and stores what it had to compute.
 * Used for indexing articles; questions are embedded directly (they rarely repeat and must not wait for I/O).
 */
public final class CachingEmbedder implements Embedder {
    private final Embedder embedder;
    private final EmbeddingCache cache;

    public CachingEmbedder(Embedder embedder, EmbeddingCache cache) {
        this.embedder = embedder;
        this.cache = cache;
    }

    @Override
    public String modelId() {
        return embedder.modelId();
    }

    @Override
    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<String> keys = texts.stream().map(this::key).toList();
        Map<String, float[]> found = new HashMap<>(cache.getAll(new LinkedHashSet<>(keys)));
        Map<String, String> missing = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!found.containsKey(keys.get(i))) {
                missing.putIfAbsent(keys.get(i), texts.get(i));
            }
        }
        if (!missing.isEmpty()) {
            List<String> missingKeys = new ArrayList<>(missing.keySet());
            List<float[]> computed = embedder.embedAll(new ArrayList<>(missing.values()));
            Map<String, float[]> fresh = new HashMap<>();
            for (int i = 0; i < missingKeys.size(); i++) {
                fresh.put(missingKeys.get(i), computed.get(i));
            }
            cache.putAll(fresh);
            found.putAll(fresh);
        }
        return keys.stream().map(found::get).toList();
    }

    private String key(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(embedder.modelId().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
