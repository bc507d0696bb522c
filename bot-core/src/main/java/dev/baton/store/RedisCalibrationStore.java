package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.kb.CalibrationStore;
import dev.baton.kb.KbCalibration;
import java.io.UncheckedIOException;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/** The knowledge base's calibration as one JSON string in Redis, shared by every node. */
public final class RedisCalibrationStore implements CalibrationStore {
    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final ObjectMapper json;

    public RedisCalibrationStore(UnifiedJedis redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    @Override
    public Optional<KbCalibration> load() {
        String value = redis.get(keys.kbCalibration());
        try {
            return value == null ? Optional.empty() : Optional.of(json.readValue(value, KbCalibration.class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void save(KbCalibration calibration) {
        try {
            redis.set(keys.kbCalibration(), json.writeValueAsString(calibration));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
