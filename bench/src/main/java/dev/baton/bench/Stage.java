package dev.baton.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.ConversationStore;
import dev.baton.event.ConversationEvent;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.store.Json;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisKeys;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * What the process-level faults run on: one Redis in a process of its own, a folder for the logs, and Baton nodes
 * started on it as needed (the first loads the demo knowledge base; later ones find it, and its embeddings, in
 * Redis). The harness reads Redis directly only to audit, never to drive Baton.
 */
final class Stage implements AutoCloseable {
    private final Path dir;
    private final RedisProcess redis;
    private final RedisClient client;
    private final RedisKeys keys = new RedisKeys("baton");
    private final ObjectMapper json = Json.newMapper();
    private boolean seeded;

    Stage(Path dir) {
        this.dir = dir;
        this.redis = RedisProcess.start(dir);
        this.client = RedisClient.create(URI.create(redis.url()));
    }

    RedisProcess redis() {
        return redis;
    }

    BatonProcess node(String name) {
        BatonProcess node = BatonProcess.start(name, redis.url(), !seeded, dir);
        seeded = true;
        return node;
    }

    ConversationStore conversations() {
        return new RedisConversationStore(client, keys, json);
    }

    /** The nodes as a fault run sees them; {@code admin} is a login made with {@link #createAdmin()}, or null. */
    Target target(List<BatonProcess> nodes, Target.Login admin) {
        return new Target(nodes.stream().map(BatonProcess::endpoint).toList(), client, keys, ChatBench.QUESTIONS,
                admin);
    }

    /** An admin made as an operator makes one, {@code baton admin create}; its email and password. */
    Target.Login createAdmin() {
        String email = "fuzz-admin-" + UUID.randomUUID().toString().substring(0, 8) + "@bench.example";
        String password = UUID.randomUUID().toString();
        BatonProcess.command(dir, "admin-create", List.of("admin", "create", "--email", email, "--name", "Fuzz Admin",
                "--password", password, "--redis-url", redis.url()));
        return new Target.Login(email, password);
    }

    /** Bot turns taken by some node and not finished, by the node's consumer name. */
    Map<String, Long> pendingBotTurns() {
        return client.xpending(keys.feed(), Target.BOT_GROUP).getConsumerMessageCount();
    }

    /**
     * The customer messages whose bot turns {@code node} (a node id, its consumer name in the group) has taken and
     * not finished, by clientMsgId.
     */
    Set<String> turnsTakenBy(String node) {
        Set<String> taken = new HashSet<>();
        for (StreamPendingEntry pending : client.xpending(keys.feed(), Target.BOT_GROUP,
                XPendingParams.xPendingParams().count(10_000).consumer(node))) {
            String id = pending.getID().toString();
            for (StreamEntry entry : client.xrange(keys.feed(), id, id)) {
                try {
                    if (json.readValue(entry.getFields().get("event"), ConversationEvent.class)
                            instanceof MessageCreated created && created.clientMsgId() != null) {
                        taken.add(created.clientMsgId());
                    }
                } catch (JsonProcessingException unreadable) {
                    // not a turn this harness made
                }
            }
        }
        return taken;
    }

    /** The node (its id) that stored the customer message, from the log's origin field. */
    String nodeThatStored(Customer.Stored message) {
        return conversations().eventAt(message.conversationId(), message.seq()).map(LoggedEvent::origin)
                .orElseThrow();
    }

    /** Waits until every bot turn taken has been finished (claimed from dead nodes and done, if need be). */
    void awaitBotIdle(Duration limit) {
        Target.awaitBotIdle(client, keys, limit);
    }

    @Override
    public void close() {
        client.close();
        redis.close();
    }
}
