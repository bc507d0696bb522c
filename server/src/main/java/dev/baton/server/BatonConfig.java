package dev.baton.server;

import dev.baton.handoff.HandoffPolicy;
import java.nio.file.Path;

/**
 * Everything Baton's server is configured with. Built from flags and environment variables by {@link Main}; tests
 * build it directly.
 *
 * @param redisUrl a Redis to use; when null, an embedded Redis is started with its files in {@code dataDir}
 * @param demo load the demo knowledge base: true always, false never, null only when the store is empty
 * @param publicUrl the address customers reach this server at, for article links; null means localhost and port
 * @param namespace prefix of every Redis key, so several deployments or tests can share one Redis
 * @param handoff when the bot passes a conversation to a person
 */
public record BatonConfig(int port, Path dataDir, String redisUrl, Boolean demo, String publicUrl, String botName,
        String namespace, HandoffPolicy handoff) {

    public static BatonConfig defaults() {
        return new BatonConfig(7070, Path.of("data"), null, null, null, "Baton", "baton", HandoffPolicy.DEFAULT);
    }

    public BatonConfig withPort(int newPort) {
        return new BatonConfig(newPort, dataDir, redisUrl, demo, publicUrl, botName, namespace, handoff);
    }

    public BatonConfig withDataDir(Path newDataDir) {
        return new BatonConfig(port, newDataDir, redisUrl, demo, publicUrl, botName, namespace, handoff);
    }

    public BatonConfig withRedisUrl(String newRedisUrl) {
        return new BatonConfig(port, dataDir, newRedisUrl, demo, publicUrl, botName, namespace, handoff);
    }

    public BatonConfig withDemo(Boolean newDemo) {
        return new BatonConfig(port, dataDir, redisUrl, newDemo, publicUrl, botName, namespace, handoff);
    }

    public BatonConfig withNamespace(String newNamespace) {
        return new BatonConfig(port, dataDir, redisUrl, demo, publicUrl, botName, newNamespace, handoff);
    }
}
