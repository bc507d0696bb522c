package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.conversation.Role;
import dev.baton.event.MessageCreated;
import dev.baton.store.Json;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisKeys;
import dev.baton.widget.ChatLimits;
import dev.baton.widget.FrameKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * Baton on a Sentinel-watched primary that crashes during traffic, just after it took a write its replicas never got:
 * the sentinel promotes a replica, Baton follows it, and every message the customer saw acknowledged is on the new
 * primary, once (writes wait for a replica before the ack; without that wait, the last message would be lost).
 */
class SentinelFailoverTest {
    private static final int MESSAGES = 24;
    private static final int CRASH_AFTER = 8;

    /** The texts of every message frame the customer's socket received, in case one came while we waited for acks. */
    private final Set<String> liveTexts = new HashSet<>();

    @Test
    void every_acknowledged_message_survives_the_primary_crashing() throws Exception {
        try (SentinelRedis sentinel = new SentinelRedis()) {
            String namespace = "sentinel-" + UUID.randomUUID();
            ChatLimits generous = ChatLimits.DEFAULTS.withRate(FrameKind.MESSAGE, new ChatLimits.Rate(MESSAGES, 20))
                    .withConversationEventsPerMinute(1_000);
            try (BatonApp app = BatonApp.start(BatonConfig.defaults().withPort(0).withRedisUrl(sentinel.url())
                    .withDemo(false).withNamespace(namespace).withChatLimits(generous))) {
                ChatClient customer = ChatClient.connect(app.port());
                String conversationId = customer.helloAsNewVisitor().path("conversationId").asText();

                List<String> acknowledged = new ArrayList<>();
                int refusals = 0;
                HostAndPort crashed = null;
                for (int i = 0; i < MESSAGES; i++) {
                    if (i == CRASH_AFTER) {
                        // The primary takes this message while its replicas lag, then crashes.
                        sentinel.freezeReplicas();
                        JsonNode answer = sendOnce(customer, "m-" + i, "message number " + i);
                        assertEquals("error", answer.path("type").asText(),
                                () -> "a write no replica has must not be acknowledged: " + answer);
                        // Sent again while the replicas still lag: a resend is no more confirmed than the first.
                        JsonNode again = sendOnce(customer, "m-" + i, "message number " + i);
                        assertEquals("error", again.path("type").asText(),
                                () -> "a resend no replica has must not be acknowledged: " + again);
                        crashed = sentinel.crashPrimary();
                        sentinel.thawReplicas();
                    }
                    String text = "message number " + i;
                    refusals += sendUntilAcknowledged(customer, "m-" + i, text);
                    acknowledged.add(text);
                }
                HostAndPort promoted = sentinel.awaitFailoverFrom(crashed);
                assertNotEquals(crashed, promoted);
                assertTrue(refusals > 0, "sends after the crash were refused until the failover: it fell mid-traffic");

                // Baton's feed reader followed the primary too: the new message comes back live.
                String last = "one more question after the failover";
                sendUntilAcknowledged(customer, "after", last);
                awaitLive(customer, last);
                acknowledged.add(last);

                try (RedisClient newPrimary = RedisClient.create(promoted.getHost(), promoted.getPort())) {
                    var store = new RedisConversationStore(newPrimary, new RedisKeys(namespace), Json.newMapper());
                    List<String> stored = store.eventsAfter(conversationId, null).stream()
                            .filter(e -> e.event() instanceof MessageCreated m && m.author().role() == Role.CUSTOMER)
                            .map(e -> ((MessageCreated) e.event()).text()).toList();
                    assertEquals(acknowledged, stored, "each acknowledged message, once, in order");
                }
                customer.closeNow();
            }
        }
    }

    private void awaitLive(ChatClient customer, String text) {
        for (JsonNode frame = customer.poll(20_000); !liveTexts.contains(text); frame = customer.poll(20_000)) {
            assertNotNull(frame, "'" + text + "' never came back live");
            seen(frame);
        }
    }

    private void seen(JsonNode frame) {
        if (frame.path("type").asText().equals("message")) {
            liveTexts.add(frame.path("text").asText());
        }
    }

    /** Sends a message and returns Baton's answer to it: its ack or its refusal. */
    private JsonNode sendOnce(ChatClient customer, String clientMsgId, String text) {
        customer.sendFrame(JsonSocketClient.frame("message").put("clientMsgId", clientMsgId).put("text", text));
        for (JsonNode frame = customer.poll(15_000); frame != null; frame = customer.poll(15_000)) {
            seen(frame);
            String type = frame.path("type").asText();
            if (clientMsgId.equals(frame.path("clientMsgId").asText(null))
                    && (type.equals("ack") || type.equals("error"))) {
                return frame;
            }
        }
        throw new AssertionError("no answer to " + clientMsgId);
    }

    /**
     * Sends one message, and again (same client id) whenever Baton says it could not store it yet, as the widget
     * does; returns how many times it was refused.
     */
    private int sendUntilAcknowledged(ChatClient customer, String clientMsgId, String text)
            throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (int refusals = 0; System.nanoTime() < deadline; refusals++) {
            JsonNode answer = sendOnce(customer, clientMsgId, text);
            if (answer.path("type").asText().equals("ack")) {
                return refusals;
            }
            assertEquals("unavailable", answer.path("code").asText(), () -> "unexpected refusal " + answer);
            Thread.sleep(250);
        }
        throw new AssertionError(clientMsgId + " was never acknowledged");
    }
}
