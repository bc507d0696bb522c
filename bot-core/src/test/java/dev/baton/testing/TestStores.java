package dev.baton.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.ConversationService;
import dev.baton.handoff.HandoffPolicy;
import dev.baton.handoff.HandoffService;
import dev.baton.routing.Routing;
import dev.baton.store.Json;
import dev.baton.store.RedisAgentStore;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisKeys;
import dev.baton.store.RedisPresence;
import dev.baton.store.RedisRoutingStore;
import java.time.Clock;
import redis.clients.jedis.RedisClient;

/**
 * The conversation and handoff services over the real stores on a test Redis, in a namespace of their own, for tests
 * of the bot against what is really stored; {@link #close} removes the namespace's keys.
 */
public final class TestStores implements AutoCloseable {
    public final RedisClient redis = TestRedis.newClient();
    public final RedisKeys keys = TestRedis.newKeys();
    public final ObjectMapper json = Json.newMapper();
    private final Clock clock = Clock.systemUTC();
    public final ConversationService conversations = new ConversationService(
            new RedisConversationStore(redis, keys, json), "node-a", clock);
    public final HandoffService handoffs = new HandoffService(conversations, HandoffPolicy.DEFAULT,
            new Routing(new RedisRoutingStore(redis, keys, json), new RedisAgentStore(redis, keys, json),
                    new RedisPresence(redis, keys, clock), clock), clock);

    @Override
    public void close() {
        TestRedis.clean(redis, keys);
        redis.close();
    }
}
