package dev.baton.server;

import dev.baton.access.TrustedProxies;
import dev.baton.handoff.HandoffPolicy;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything Baton's server is configured with. Built from flags and environment variables by {@link Main}; tests
 * build it directly.
 *
 * @param redisUrl a Redis to use; when null, an embedded Redis is started with its files in {@code dataDir}
 * @param demo load the demo knowledge base: true always, false never, null only when the store is empty
 * @param publicUrl the address customers reach this server at, for article links; null means localhost and port
 * @param namespace prefix of every Redis key, so several deployments or tests can share one Redis
 * @param handoff when the bot passes a conversation to a person
 * @param responseTargetSeconds the console highlights waits and first responses longer than this
 * @param adminEmail with {@code adminPassword}: the first admin, created at start when there is no admin yet
 * @param messenger who may open the messenger, and how customers are identified
 * @param trustedProxies the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed
 */
public record BatonConfig(int port, Path dataDir, String redisUrl, Boolean demo, String publicUrl, String botName,
        String namespace, HandoffPolicy handoff, int responseTargetSeconds, String adminEmail, String adminPassword,
        Messenger messenger, TrustedProxies trustedProxies) {

    public BatonConfig {
        trustedProxies = trustedProxies == null ? TrustedProxies.none() : trustedProxies;
    }

    /**
     * @param identitySecret the HS256 secret host products sign identity tokens with; null: none are verified
     * @param identityRequired refuse visitors without a verified identity
     * @param allowedOrigins the web origins whose pages may open the messenger; empty: only Baton's own pages
     */
    public record Messenger(String identitySecret, boolean identityRequired, List<String> allowedOrigins) {
        public Messenger {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }

        static final Messenger DEFAULTS = new Messenger(null, false, List.of());
    }

    public static BatonConfig defaults() {
        return new BatonConfig(7070, Path.of("data"), null, null, null, "Baton", "baton", HandoffPolicy.DEFAULT, 300,
                null, null, Messenger.DEFAULTS, TrustedProxies.none());
    }

    public BatonConfig withPort(int newPort) {
        return new BatonConfig(newPort, dataDir, redisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies);
    }

    public BatonConfig withDataDir(Path newDataDir) {
        return new BatonConfig(port, newDataDir, redisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies);
    }

    public BatonConfig withRedisUrl(String newRedisUrl) {
        return new BatonConfig(port, dataDir, newRedisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies);
    }

    public BatonConfig withDemo(Boolean newDemo) {
        return new BatonConfig(port, dataDir, redisUrl, newDemo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies);
    }

    public BatonConfig withNamespace(String newNamespace) {
        return new BatonConfig(port, dataDir, redisUrl, demo, publicUrl, botName, newNamespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies);
    }

    public BatonConfig withAdmin(String email, String password) {
        return new BatonConfig(port, dataDir, redisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, email, password, messenger, trustedProxies);
    }

    public BatonConfig withMessenger(Messenger newMessenger) {
        return new BatonConfig(port, dataDir, redisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, newMessenger, trustedProxies);
    }

    public BatonConfig withTrustedProxies(TrustedProxies newTrustedProxies) {
        return new BatonConfig(port, dataDir, redisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, newTrustedProxies);
    }
}
