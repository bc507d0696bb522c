package dev.baton.server;

import dev.baton.access.SessionStore;
import dev.baton.access.TrustedProxies;
import dev.baton.handoff.HandoffPolicy;
import dev.baton.llm.LlmSettings;
import dev.baton.webhook.HostResolver;
import dev.baton.widget.ChatLimits;
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
 * @param sessions how long a console session lasts unused, and at most
 * @param webhooks which addresses webhooks may reach
 * @param chatLimits what one customer's client may send, per connection, per address and per conversation
 * @param metricsToken the bearer token {@code /metrics} asks for; null: served to this machine's loopback only
 * @param llm the language model that may word answers, summaries and drafts; off by default
 */
public record BatonConfig(int port, Path dataDir, String redisUrl, Boolean demo, String publicUrl, String botName,
        String namespace, HandoffPolicy handoff, int responseTargetSeconds, String adminEmail, String adminPassword,
        Messenger messenger, TrustedProxies trustedProxies, SessionStore.Lifetimes sessions, Webhooks webhooks,
        ChatLimits chatLimits, String metricsToken, LlmSettings llm) {

    public BatonConfig {
        trustedProxies = trustedProxies == null ? TrustedProxies.none() : trustedProxies;
        sessions = sessions == null ? SessionStore.Lifetimes.DEFAULTS : sessions;
        webhooks = webhooks == null ? Webhooks.DEFAULTS : webhooks;
        chatLimits = chatLimits == null ? ChatLimits.DEFAULTS : chatLimits;
        llm = llm == null ? LlmSettings.OFF : llm;
        metricsToken = metricsToken == null || metricsToken.isBlank() ? null : metricsToken.strip();
        if (metricsToken != null && metricsToken.length() < 16) {
            // A short token is guessed; the metrics tell how busy the service is and how it is deployed.
            throw new IllegalArgumentException("BATON_METRICS_TOKEN needs 16 characters at least");
        }
    }

    /**
     * @param allowPrivate let webhooks reach loopback, private and link-local addresses (a receiver on Baton's own
     *     network); off, such addresses are refused at registration and at every delivery
     * @param resolver how webhook hosts are looked up: the system's DNS, or a fixed table in tests
     */
    public record Webhooks(boolean allowPrivate, HostResolver resolver) {
        public Webhooks {
            resolver = resolver == null ? HostResolver.SYSTEM : resolver;
        }

        static final Webhooks DEFAULTS = new Webhooks(false, HostResolver.SYSTEM);
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
                null, null, Messenger.DEFAULTS, TrustedProxies.none(), SessionStore.Lifetimes.DEFAULTS, Webhooks.DEFAULTS,
                ChatLimits.DEFAULTS, null, LlmSettings.OFF);
    }

    public BatonConfig withHandoff(HandoffPolicy newHandoff) {
        return new BatonConfig(port, dataDir, redisUrl, demo, publicUrl, botName, namespace, newHandoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies, sessions, webhooks, chatLimits,
                metricsToken, llm);
    }

    public BatonConfig withPort(int newPort) {
        return new BatonConfig(newPort, dataDir, redisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies, sessions, webhooks, chatLimits,
                metricsToken, llm);
    }

    public BatonConfig withDataDir(Path newDataDir) {
        return new BatonConfig(port, newDataDir, redisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies, sessions, webhooks, chatLimits,
                metricsToken, llm);
    }

    public BatonConfig withRedisUrl(String newRedisUrl) {
        return new BatonConfig(port, dataDir, newRedisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies, sessions, webhooks, chatLimits,
                metricsToken, llm);
    }

    public BatonConfig withDemo(Boolean newDemo) {
        return new BatonConfig(port, dataDir, redisUrl, newDemo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies, sessions, webhooks, chatLimits,
                metricsToken, llm);
    }

    public BatonConfig withNamespace(String newNamespace) {
        return new BatonConfig(port, dataDir, redisUrl, demo, publicUrl, botName, newNamespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies, sessions, webhooks, chatLimits,
                metricsToken, llm);
    }

    public BatonConfig withAdmin(String email, String password) {
        return new BatonConfig(port, dataDir, redisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, email, password, messenger, trustedProxies, sessions, webhooks, chatLimits,
                metricsToken, llm);
    }

    public BatonConfig withMessenger(Messenger newMessenger) {
        return new BatonConfig(port, dataDir, redisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, newMessenger, trustedProxies, sessions, webhooks, chatLimits,
                metricsToken, llm);
    }

    public BatonConfig withTrustedProxies(TrustedProxies newTrustedProxies) {
        return new BatonConfig(port, dataDir, redisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, newTrustedProxies, sessions, webhooks, chatLimits,
                metricsToken, llm);
    }

    public BatonConfig withSessions(SessionStore.Lifetimes newSessions) {
        return new BatonConfig(port, dataDir, redisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies, newSessions, webhooks, chatLimits,
                metricsToken, llm);
    }

    public BatonConfig withWebhooks(Webhooks newWebhooks) {
        return new BatonConfig(port, dataDir, redisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies, sessions, newWebhooks, chatLimits,
                metricsToken, llm);
    }

    public BatonConfig withPublicUrl(String newPublicUrl) {
        return new BatonConfig(port, dataDir, redisUrl, demo, newPublicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies, sessions, webhooks, chatLimits,
                metricsToken, llm);
    }

    public BatonConfig withMetricsToken(String newMetricsToken) {
        return new BatonConfig(port, dataDir, redisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies, sessions, webhooks, chatLimits,
                newMetricsToken, llm);
    }

    public BatonConfig withChatLimits(ChatLimits newChatLimits) {
        return new BatonConfig(port, dataDir, redisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies, sessions, webhooks,
                newChatLimits, metricsToken, llm);
    }

    public BatonConfig withLlm(LlmSettings newLlm) {
        return new BatonConfig(port, dataDir, redisUrl, demo, publicUrl, botName, namespace, handoff,
                responseTargetSeconds, adminEmail, adminPassword, messenger, trustedProxies, sessions, webhooks,
                chatLimits, metricsToken, newLlm);
    }
}
