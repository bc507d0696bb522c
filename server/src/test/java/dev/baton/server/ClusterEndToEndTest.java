package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.access.Passwords;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import dev.baton.store.Json;
import dev.baton.store.RedisAgentStore;
import dev.baton.store.RedisArticleStore;
import dev.baton.store.RedisKeys;
import dev.baton.testing.FixtureArticles;
import dev.baton.testing.TestCluster;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Two Baton nodes on a real three-master Redis Cluster: a customer on one node is answered by the bot, handed off, and
 * claimed and answered by an agent whose console is on the other node; every conversation write runs in the slot of
 * its partition.
 */
class ClusterEndToEndTest {
    private static final String PASSWORD = "correct horse battery";

    @Test
    void a_customer_on_one_node_is_answered_handed_off_and_served_by_an_agent_on_the_other() {
        String namespace = "cluster-" + UUID.randomUUID();
        RedisKeys keys = new RedisKeys(namespace, RedisAddress.DEFAULT_PARTITIONS);
        Agent ana;
        try (RedisClusterClient redis = TestCluster.newClient()) {
            var articles = new RedisArticleStore(redis, keys, Json.newMapper());
            FixtureArticles.all().forEach(articles::save);
            ana = new Agent(UUID.randomUUID().toString(), "ana@test.example", "Ana Ortiz", null, AgentRole.AGENT,
                    List.of("general"), "UTC", 5, new Passwords().hash(PASSWORD), null);
            new RedisAgentStore(redis, keys, Json.newMapper()).save(ana);
        }
        BatonConfig config = BatonConfig.defaults().withPort(0).withDemo(false).withNamespace(namespace)
                .withRedisUrl(RedisAddress.clusterUrl(TestCluster.seeds(), null));
        try (BatonApp nodeA = BatonApp.start(config); BatonApp nodeB = BatonApp.start(config)) {
            nodeA.awaitCalibrated();
            nodeB.awaitCalibrated();
            ChatClient customer = ChatClient.connect(nodeA.port());
            ConsoleApi anaApi = ConsoleApi.loggedIn(nodeB.port(), ana.email(), PASSWORD);
            AgentClient console = AgentClient.of(nodeB.port(), anaApi).open();
            try {
                console.hello(null);
                String id = customer.helloAsNewVisitor().path("conversationId").asText();

                customer.ask("m-1", "Is there a cancellation fee?");
                customer.nextMessageFrom("customer");
                assertEquals("You can cancel your plan yourself at any time. There is no cancellation fee.",
                        customer.nextMessageFrom("bot").path("text").asText());

                customer.ask("m-2", "I want a refund for my last invoice");
                customer.nextMessageFrom("customer");
                customer.next("handoff");
                customer.nextMessageFrom("system");
                JsonNode seenOnB = console.nextEventOf(id);
                assertEquals(id, seenOnB.path("conversationId").asText(), "node B's console hears node A's customer");

                String path = "/api/conversations/" + id;
                assertEquals(200, anaApi.post(path + "/claim", Map.of()).status());
                assertEquals("Ana Ortiz", customer.next("agent_joined").path("agent").path("name").asText());
                assertEquals(201, anaApi.post(path + "/messages", Map.of("text", "I am on it.")).status());
                assertEquals("I am on it.", customer.nextMessageFrom("agent").path("text").asText());
                customer.ask("m-3", "Thank you!");
                assertEquals(id, console.nextEventOf(id).path("conversationId").asText());

                JsonNode mine = anaApi.get("/api/conversations?view=mine").body();
                assertEquals(id, mine.path("conversations").get(0).path("id").asText());
                assertEquals(1, mine.path("counts").path("mine").asInt(), "counted over every partition");
                assertPartitioned(keys, id);
                var health = HttpGet.get(nodeB.port(), "/health");
                assertEquals(200, health.statusCode(), "every feed reader and work queue of every partition is up: "
                        + health.body());
            } finally {
                customer.closeNow();
                console.closeNow();
            }
        }
    }

    /** The conversation's keys and its partition's feed and views share a slot; the console's position has all. */
    private static void assertPartitioned(RedisKeys keys, String id) {
        int partition = keys.partitionOf(id);
        Set<Integer> slots = new HashSet<>();
        for (String key : List.of(keys.conversation(id), keys.conversationLog(id), keys.feed(partition),
                keys.inbox("open", partition))) {
            slots.add(JedisClusterCRC16.getSlot(key));
        }
        assertEquals(1, slots.size());
        try (RedisClusterClient redis = TestCluster.newClient()) {
            assertTrue(redis.xlen(keys.feed(partition)) >= 6, "the conversation's events are in its partition's feed");
            assertEquals(List.of(id), redis.zrange(keys.agentReservations(
                    redis.hget(keys.conversation(id), "assignee")), 0, -1));
        }
    }
}
