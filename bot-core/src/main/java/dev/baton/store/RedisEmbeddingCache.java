package dev.baton.store;

import dev.baton.kb.EmbeddingCache;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/** Embeddings in Redis: one hash per model, from content hash to the vector as little-endian float32 bytes. */
public final class RedisEmbeddingCache implements EmbeddingCache {
    private static final int BATCH = 1000;

    private final UnifiedJedis redis;
    private final byte[] key;

    public RedisEmbeddingCache(UnifiedJedis redis, RedisKeys keys, String modelId) {
        this.redis = redis;
        this.key = keys.embeddings(modelId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Map<String, float[]> getAll(Collection<String> keys) {
        Map<String, float[]> found = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            byte[][] fields = batch.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            List<byte[]> values = redis.hmget(key, fields);
            for (int i = 0; i < batch.size(); i++) {
                if (values.get(i) != null) {
                    found.put(batch.get(i), toFloats(values.get(i)));
                }
            }
        }
        return found;
    }

    @Override
    public void putAll(Map<String, float[]> vectors) {
        Map<byte[], byte[]> batch = new HashMap<>();
        for (var entry : vectors.entrySet()) {
            batch.put(entry.getKey().getBytes(StandardCharsets.UTF_8), toBytes(entry.getValue()));
            if (batch.size() == BATCH) {
                redis.hset(key, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            redis.hset(key, batch);
        }
    }

    private static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    private static float[] toFloats(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
