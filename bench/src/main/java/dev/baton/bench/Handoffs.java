package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A customer asks for a refund and a person sees it: from the customer's send to the agent console's socket showing
 * the handoff ({@code conversation.handed_off}) of that conversation, one customer after another. Then, in the last
 * of those conversations, the relay: the agent's reply ({@code POST .../messages}) until the customer's socket
 * shows it.
 */
final class Handoffs {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String REFUND_REQUEST = "I want a refund for my last invoice";
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private Handoffs() {}

    /** Handoff-visible times, in nanoseconds. */
    static List<Long> visible(URI chat, Console console, int customers) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            ChatBench.Greeted greeted = ChatBench.greeted(chat);
            JsonSocket customer = greeted.socket();
            try {
                long sent = System.nanoTime();
                customer.send(message(REFUND_REQUEST));
                console.await(frame -> handedOff(frame, greeted.conversationId()), LIMIT);
                times.add(System.nanoTime() - sent);
            } finally {
                customer.close();
            }
        }
        return times;
    }

    /** Relay times, in nanoseconds: an agent's reply through Baton's API to the customer's socket. */
    static List<Long> relay(URI chat, Console console, int replies) {
        ChatBench.Greeted greeted = ChatBench.greeted(chat);
        JsonSocket customer = greeted.socket();
        String conversationId = greeted.conversationId();
        try {
            customer.send(message(REFUND_REQUEST));
            console.await(frame -> handedOff(frame, conversationId), LIMIT);
            var claimed = console.post("/api/conversations/" + conversationId + "/claim", JSON.createObjectNode());
            if (claimed.statusCode() != 200) {
                throw new IllegalStateException("claim refused: " + claimed.statusCode() + " " + claimed.body());
            }
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < replies; i++) {
                String text = "On it, step " + i;
                long sent = System.nanoTime();
                var reply = console.post("/api/conversations/" + conversationId + "/messages",
                        JSON.createObjectNode().put("text", text));
                if (reply.statusCode() / 100 != 2) {
                    throw new IllegalStateException("reply refused: " + reply.statusCode() + " " + reply.body());
                }
                ChatBench.await(customer, frame -> "message".equals(frame.path("type").asText())
                        && text.equals(frame.path("text").asText()));
                times.add(System.nanoTime() - sent);
            }
            return times;
        } finally {
            customer.close();
        }
    }

    private static boolean handedOff(JsonNode frame, String conversationId) {
        return "event".equals(frame.path("type").asText())
                && "conversation.handed_off".equals(frame.path("eventType").asText())
                && conversationId.equals(frame.path("conversationId").asText());
    }

    private static String message(String text) {
        return JSON.createObjectNode().put("type", "message").put("clientMsgId", UUID.randomUUID().toString())
                .put("text", text).toString();
    }
}
