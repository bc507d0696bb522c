package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.access.TrustedProxies;
import dev.baton.conversation.Role;
import dev.baton.event.CsatSubmitted;
import dev.baton.event.FeedbackGiven;
import dev.baton.event.HandedOff;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.event.MessageRead;
import dev.baton.testing.FixtureArticles;
import dev.baton.widget.ChatLimits;
import dev.baton.widget.FrameKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.params.ScanParams;

/**
 * The customer socket's limits over real connections: every kind of frame per connection and per client address,
 * what one conversation may store per minute across connections, and a hello flood. An over-limit frame gets
 * {@code rate_limited} and stores nothing.
 */
class ChatLimitsSocketTest {
    /** What one conversation may store a minute, here. */
    private static final int CONVERSATION_BUDGET = 12;
    /**
     * Two of every kind of frame per connection and (almost) never more; one client per address, so an address has
     * the same budget; the proxy on localhost is trusted, so each test's X-Forwarded-For is an address of its own.
     */
    private static TestApp baton;
    private static int nextAddress = 1;

    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();

    @BeforeAll
    static void start() {
        ChatLimits twoOfEach = ChatLimits.DEFAULTS.withClientsPerAddress(1)
                .withConversationEventsPerMinute(CONVERSATION_BUDGET);
        for (FrameKind kind : FrameKind.values()) {
            twoOfEach = twoOfEach.withRate(kind, new ChatLimits.Rate(2, 0.0001));
        }
        ChatLimits limits = twoOfEach;
        baton = new TestApp(FixtureArticles.all(), config -> config.withChatLimits(limits)
                .withTrustedProxies(TrustedProxies.of(List.of("127.0.0.1", "::1"))));
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    /** A customer connection that a trusted proxy says comes from {@code address}. */
    private ChatClient from(String address) {
        return sockets.track(ChatClient.unopened(baton.port(), Map.of("X-Forwarded-For", address)).open());
    }

    private static synchronized String newAddress() {
        return "203.0.113." + nextAddress++;
    }

    /** Frames until the first that {@code wanted} accepts, skipping live messages; fails after 5 s without it. */
    private static JsonNode until(ChatClient client, Predicate<JsonNode> wanted, List<JsonNode> skipped) {
        while (true) {
            JsonNode frame = client.nextFrame();
            if (wanted.test(frame)) {
                return frame;
            }
            skipped.add(frame);
        }
    }

    private static JsonNode nextError(ChatClient client) {
        return until(client, frame -> frame.path("type").asText().equals("error"), new ArrayList<>());
    }

    private static void assertRateLimited(JsonNode error) {
        assertEquals("rate_limited", error.path("code").asText(), error::toString);
        assertTrue(error.path("retryAfterMs").asLong() > 0, () -> "says when to try again: " + error);
        assertFalse(error.path("message").asText().isBlank());
    }

    private static List<LoggedEvent> log(TestApp app, String conversationId) {
        return app.conversations().eventsAfter(conversationId, null);
    }

    private static long count(List<LoggedEvent> log, Predicate<LoggedEvent> which) {
        return log.stream().filter(which).count();
    }

    @Test
    void every_kind_of_frame_is_limited_per_connection_and_an_over_limit_frame_stores_nothing() {
        ChatClient client = from(newAddress());
        String id = client.helloAsNewVisitor().path("conversationId").asText();

        String firstSeq = client.ask("m-1", "Is there a cancellation fee?").path("seq").asText();
        String botSeq = until(client, f -> f.path("author").path("role").asText().equals("bot"), new ArrayList<>())
                .path("seq").asText();
        client.ask("m-2", "How do customers earn points?");
        client.sendFrame(ChatClient.frame("message").put("clientMsgId", "m-3").put("text", "One too many"));
        JsonNode limitedMessage = nextError(client);
        assertRateLimited(limitedMessage);
        assertEquals("m-3", limitedMessage.path("clientMsgId").asText(), "the widget knows which one to send again");

        for (String frame : List.of(
                ChatClient.frame("typing").put("typing", true).toString(),
                ChatClient.frame("read").put("seq", firstSeq).toString(),
                ChatClient.frame("feedback").put("seq", botSeq).put("helpful", true).toString(),
                ChatClient.frame("contact").put("email", "kim@example.com").toString(),
                ChatClient.frame("csat").put("rating", 5).toString(),
                ChatClient.frame("request_human").toString(),
                "{not json",
                ChatClient.frame("hello").put("visitorId", "again").toString())) {
            client.send(frame);
            client.send(frame);
            client.send(frame);
            List<JsonNode> before = new ArrayList<>();
            JsonNode limited = until(client, f -> f.path("code").asText().equals("rate_limited"), before);
            assertRateLimited(limited);
            before.stream().filter(f -> f.path("type").asText().equals("error")).forEach(error -> assertTrue(
                    Set.of("not_resolved", "bad_json", "already_started").contains(error.path("code").asText()),
                    () -> "the first two of " + frame + " are handled as usual: " + error));
        }

        List<LoggedEvent> log = log(baton, id);
        assertEquals(2, count(log, e -> e.event() instanceof MessageCreated created
                && created.author().role() == Role.CUSTOMER), "two messages");
        assertEquals(1, count(log, e -> e.event() instanceof MessageRead), "the second read did not move forward");
        assertEquals(2, count(log, e -> e.event() instanceof FeedbackGiven));
        assertEquals(2, count(log, e -> e.event() instanceof MessageCreated created
                && created.author().role() == Role.SYSTEM && created.text().contains("kim@example.com")));
        assertEquals(0, count(log, e -> e.event() instanceof CsatSubmitted));
        assertEquals(1, count(log, e -> e.event() instanceof HandedOff), "asked twice, handed over once");
    }

    @Test
    void connections_from_one_address_share_its_budget_and_another_address_has_its_own() {
        String address = newAddress();
        ChatClient first = from(address);
        first.helloAsNewVisitor();
        for (int i = 0; i < 2; i++) {
            first.sendFrame(ChatClient.frame("contact").put("email", "kim" + i + "@example.com"));
            first.nextMessageFrom("system");
        }

        ChatClient sameAddress = from(address);
        sameAddress.helloAsNewVisitor();
        sameAddress.sendFrame(ChatClient.frame("contact").put("email", "kim@example.com"));
        assertRateLimited(sameAddress.next("error"));

        ChatClient otherAddress = from(newAddress());
        otherAddress.helloAsNewVisitor();
        otherAddress.sendFrame(ChatClient.frame("contact").put("email", "kim@example.com"));
        assertTrue(otherAddress.nextMessageFrom("system").path("text").asText().contains("kim@example.com"));
    }

    @Test
    void a_conversation_stores_at_most_its_budget_a_minute_across_all_its_connections() {
        ChatClient first = from(newAddress());
        JsonNode welcome = first.helloAsNewVisitor();
        String id = welcome.path("conversationId").asText();
        List<ChatClient> tabs = new ArrayList<>(List.of(first));
        while (tabs.size() < 7) {
            ChatClient tab = from(newAddress());
            tab.sendFrame(ChatClient.frame("hello").put("visitorId", "visitor").put("conversationId", id)
                    .put("resumeToken", welcome.path("resumeToken").asText()));
            tab.next("welcome");
            tabs.add(tab);
        }

        for (int round = 0; round < 2; round++) {
            for (int tab = 0; tab < tabs.size(); tab++) {
                tabs.get(tab).sendFrame(ChatClient.frame("message").put("clientMsgId", "m-" + tab + "-" + round)
                        .put("text", "question " + tab + " " + round));
            }
        }
        List<JsonNode> answers = new ArrayList<>();
        for (ChatClient tab : tabs) {
            for (int round = 0; round < 2; round++) {
                answers.add(until(tab, f -> Set.of("ack", "error").contains(f.path("type").asText()),
                        new ArrayList<>()));
            }
        }

        assertEquals(CONVERSATION_BUDGET, answers.stream().filter(f -> f.path("type").asText().equals("ack"))
                .count(), answers::toString);
        List<JsonNode> refused = answers.stream().filter(f -> f.path("type").asText().equals("error")).toList();
        assertEquals(14 - CONVERSATION_BUDGET, refused.size());
        refused.forEach(ChatLimitsSocketTest::assertRateLimited);
        assertEquals(CONVERSATION_BUDGET, count(log(baton, id), e -> e.event() instanceof MessageCreated created
                && created.author().role() == Role.CUSTOMER), "the refused ones stored nothing");
    }

    @Test
    void asking_for_a_person_again_while_waiting_stores_nothing() {
        ChatClient client = from(newAddress());
        String id = client.helloAsNewVisitor().path("conversationId").asText();
        client.sendFrame(ChatClient.frame("request_human"));
        until(client, f -> f.path("type").asText().equals("handoff"), new ArrayList<>());
        client.nextMessageFrom("system");
        int before = log(baton, id).size();

        client.sendFrame(ChatClient.frame("request_human"));
        client.send("{not json"); // frames are handled in order: when this one is answered, so was the one above
        assertEquals("bad_json", client.next("error").path("code").asText());

        assertEquals(before, log(baton, id).size());
    }

    @Test
    void a_flood_of_hellos_leaves_no_permanent_key_and_is_cut_off_per_address() {
        Map<String, String> conversationsByVisitor = new LinkedHashMap<>();
        String flooder = newAddress();
        for (int i = 0; i < 22; i++) {
            String visitorId = "flood-" + i + "-" + System.nanoTime();
            // Twenty from addresses of their own, the last two from one address, which is then out of hellos.
            ChatClient client = from(i < 20 ? newAddress() : flooder);
            client.sendFrame(ChatClient.frame("hello").put("visitorId", visitorId));
            conversationsByVisitor.put(visitorId, client.next("welcome").path("conversationId").asText());
        }
        ChatClient oneTooMany = from(flooder);
        oneTooMany.sendFrame(ChatClient.frame("hello").put("visitorId", "one-too-many"));
        assertRateLimited(oneTooMany.next("error"));

        conversationsByVisitor.forEach((visitorId, id) -> {
            assertTrue(baton.redis.ttl(baton.keys.conversation(id)) > 0, "the conversation expires");
            assertFalse(baton.redis.exists(baton.keys.visitorConversations(visitorId)), "no visitor index");
            assertEquals(null, baton.redis.zscore(baton.keys.conversationsByCreation(), id), "not in the KPIs");
            List<String> permanent = keysWith(baton, id).stream().filter(key -> baton.redis.ttl(key) < 0).toList();
            assertTrue(permanent.isEmpty(), () -> "permanent: " + permanent);
        });
        assertTrue(keysWith(baton, "one-too-many").isEmpty(), "the refused hello created nothing");
    }

    /** The keys of the app's namespace that hold {@code part} in their name. */
    private static Set<String> keysWith(TestApp app, String part) {
        Set<String> found = new TreeSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            var page = app.redis.scan(cursor, new ScanParams().match(app.keys.namespace() + ":*" + part + "*")
                    .count(1000));
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return found;
    }
}
