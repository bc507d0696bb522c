package dev.baton.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Handling;
import dev.baton.conversation.Owner;
import dev.baton.testing.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Visitors who never write leave nothing behind: a conversation and everything that points to it stay temporary
 * until its first event, and all of it is found (history, KPIs) once it has one.
 */
class HelloFloodTest {
    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final RedisConversationStore store = new RedisConversationStore(redis, keys, Json.newMapper());
    private final ConversationService conversations = new ConversationService(store, "node-a", Clock.systemUTC());
    private final RedisConversationLogs logs = new RedisConversationLogs(redis, keys, store);

    @AfterEach
    void cleanUp() {
        TestRedis.clean(redis, keys);
        redis.close();
    }

    private static Customer verified(String userId, String visitorId) {
        return new Customer(visitorId, true, userId, "Kim Lee", "kim@example.com", "Pro", Map.of(), "en");
    }

    /** Every key of the test's namespace. */
    private Set<String> allKeys() {
        Set<String> found = new TreeSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, new ScanParams().match(keys.namespace() + ":*").count(1000));
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return found;
    }

    private List<String> permanentKeys() {
        return allKeys().stream().filter(key -> redis.ttl(key) < 0).toList();
    }

    private static void assertNone(List<String> keys) {
        assertTrue(keys.isEmpty(), () -> keys.size() + " keys, e.g. " + keys.subList(0, Math.min(3, keys.size())));
    }

    @Test
    void a_flood_of_hellos_leaves_no_permanent_key_or_index_entry() {
        for (int i = 0; i < 100; i++) {
            String visitor = "visitor-" + i;
            var started = i % 2 == 0 ? conversations.start(visitor, "en")
                    : conversations.start(visitor, "en", verified("user-" + i, visitor));
            // A page that says again who the user is (as on every hello of a verified user) adds nothing lasting.
            conversations.identify(started.conversation().id(), verified("user-" + i, visitor));
            conversations.resume(started.conversation().id(), started.resumeToken());
        }

        assertNone(permanentKeys());
        assertEquals(0, redis.zcard(keys.conversationsByCreation()));
        assertEquals(List.of(), conversations.ofCustomer(verified("user-1", "visitor-1"), "visitor-1", 10));
        assertEquals(List.of(), conversations.ofCustomer(Customer.visitor("visitor-0", "en"), "visitor-0", 10));
    }

    @Test
    void with_a_short_time_to_live_nothing_at_all_remains() {
        for (int i = 0; i < 20; i++) {
            String id = "flood-" + i;
            store.create(new Conversation(id, "visitor-" + i, Owner.BOT, 1_000L + i, "en", null,
                    verified("user-" + i, "visitor-" + i), Handling.NONE), "hash",
                    Duration.ofSeconds(1));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertNone(List.copyOf(allKeys())));
    }

    @Test
    void the_first_message_makes_the_conversation_and_its_index_entries_permanent() {
        var visitorOnly = conversations.start("visitor-a", "en");
        var signedIn = conversations.start("visitor-b", "en", verified("user-b", "visitor-b"));
        var signedInLater = conversations.start("visitor-c", "en");
        conversations.identify(signedInLater.conversation().id(), verified("user-c", "visitor-c"));
        long from = System.currentTimeMillis() - 60_000;

        List<String> ids = new ArrayList<>();
        for (var started : List.of(visitorOnly, signedIn, signedInLater)) {
            String id = started.conversation().id();
            conversations.addCustomerMessage(id, "m-1", "Where is my order?");
            ids.add(id);
        }

        assertTrue(permanentKeys().containsAll(List.of(keys.conversation(ids.get(0)),
                keys.visitorConversations("visitor-a"), keys.userConversations("user-b"),
                keys.userConversations("user-c"), keys.conversationsByCreation())), () -> permanentKeys().toString());
        assertEquals(List.of(ids.get(0)), idsOf(conversations.ofCustomer(Customer.visitor("visitor-a", "en"),
                "visitor-a", 10)));
        assertEquals(List.of(ids.get(1)), idsOf(conversations.ofCustomer(verified("user-b", "visitor-x"),
                "visitor-x", 10)));
        assertEquals(List.of(ids.get(2)), idsOf(conversations.ofCustomer(verified("user-c", "visitor-y"),
                "visitor-y", 10)));
        List<String> inKpis = logs.openedBetween(Instant.ofEpochMilli(from), Instant.now().plusSeconds(60)).stream()
                .map(log -> log.get(0).conversationId()).toList();
        assertEquals(Set.copyOf(ids), Set.copyOf(inKpis));
    }

    @Test
    void entries_written_the_old_way_keep_working() {
        // Before: the indexes were written at creation. A conversation that expired empty left its entries behind,
        // newer than the visitor's real conversation.
        var real = conversations.start("visitor-old", "en", verified("user-old", "visitor-old"));
        String id = real.conversation().id();
        conversations.addCustomerMessage(id, "m-1", "Hello?");
        long later = real.conversation().createdAt() + 1_000;
        redis.zadd(keys.visitorConversations("visitor-old"), later, "expired-long-ago");
        redis.zadd(keys.userConversations("user-old"), later, "expired-long-ago");
        redis.zadd(keys.conversationsByCreation(), later, "expired-long-ago");
        redis.zadd(keys.visitorConversations("visitor-old"), real.conversation().createdAt(), id);

        assertEquals(List.of(id), idsOf(conversations.ofCustomer(Customer.visitor("visitor-old", "en"),
                "visitor-old", 1)), "the latest conversation that still exists");
        assertEquals(List.of(id), idsOf(conversations.ofCustomer(verified("user-old", "elsewhere"), "elsewhere", 1)));
        List<String> inKpis = logs.openedBetween(Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                .map(log -> log.get(0).conversationId()).toList();
        assertEquals(List.of(id), inKpis);
    }

    private static List<String> idsOf(List<Conversation> found) {
        return found.stream().map(Conversation::id).toList();
    }
}
