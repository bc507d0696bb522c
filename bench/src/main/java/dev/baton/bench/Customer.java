package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.conversation.Seq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A customer who behaves as the messenger does, and the record of what they sent and saw. Each message has its own
 * clientMsgId and is sent again with it until acked; after a dropped connection the customer says hello with
 * conversationId, resumeToken and the last seq seen, on its server or, when that one is gone, on the next. Its
 * {@link Faults} make it drop connections, lose acks and resend on purpose. One thread drives a customer; what it
 * recorded is read once that thread is done (only {@link #awaiting()}, {@link #lastAcked()} and {@link #server()} may
 * be read meanwhile).
 */
final class Customer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ACK_WAIT = Duration.ofSeconds(10);
    private static final Duration GIVE_UP = Duration.ofMinutes(2);
    /** Refusals that mean "not now": the same frame is sent again after a pause. */
    private static final Set<String> RETRYABLE = Set.of("rate_limited", "unavailable");

    private final List<Endpoint> servers;
    private final Faults faults;
    private final Duration answerWait;
    private final String visitorId = "fault-" + UUID.randomUUID();
    private final List<Conversation> conversations = new ArrayList<>();
    private final Map<String, Sent> byClientMsgId = new HashMap<>();
    private final Map<String, Integer> counters = new LinkedHashMap<>();
    private int server;
    private JsonSocket link;
    private Conversation current;
    private volatile Sent awaiting;
    private volatile Stored lastAcked;

    /** One of the customer's conversations as they saw it. */
    static final class Conversation {
        final String id;
        final String resumeToken;
        final List<Sent> sent = new ArrayList<>();
        /** Every message received, by seq: its author's role and how many times it arrived. */
        final Map<String, Delivery> deliveries = new HashMap<>();
        String lastSeq;
        String owner = "bot";

        Conversation(String id, String resumeToken) {
            this.id = id;
            this.resumeToken = resumeToken;
        }
    }

    /** A message the customer received: who wrote it and how many times it came. */
    static final class Delivery {
        final String role;
        int times;

        Delivery(String role) {
            this.role = role;
        }
    }

    /** One message the customer sent (however many times), and what became of it. */
    static final class Sent {
        final String clientMsgId = UUID.randomUUID().toString();
        final String text;
        final long firstSentNanos = System.nanoTime();
        volatile String ackSeq;
        /** The seq of the first ack seen, lost or not; every later ack must carry the same. */
        String firstAckSeq;
        int inconsistentAcks;
        long ackNanos;
        String refused;

        Sent(String text) {
            this.text = text;
        }
    }

    Customer(List<Endpoint> servers, int firstServer, Faults faults, Duration answerWait) {
        this.servers = List.copyOf(servers);
        this.server = firstServer % servers.size();
        this.faults = faults;
        this.answerWait = answerWait;
    }

    List<Conversation> conversations() {
        return conversations;
    }

    /** How often each thing happened: drops, resends, resumes, reconnects, errors by code. */
    Map<String, Integer> counters() {
        return counters;
    }

    /** The message whose answer the customer waits for now, or null. */
    Sent awaiting() {
        return awaiting;
    }

    /** Where the customer's latest acknowledged message is stored; null before the first ack. */
    Stored lastAcked() {
        return lastAcked;
    }

    /** A customer message's place in the log. */
    record Stored(String conversationId, String seq) {}

    /** The server the customer is connected to (or trying) now. */
    synchronized Endpoint server() {
        return servers.get(server);
    }

    /**
     * Sends {@code text} until the server acks it (resending with the same clientMsgId after drops, refusals of the
     * "not now" kind and silence), for at most two minutes.
     */
    Sent ask(String text) {
        if (current != null && !"bot".equals(current.owner)) {
            // Handed over to the team: the next question starts a conversation of its own, as ChatBench does.
            closeLink();
            current = null;
        }
        connect();
        Sent message = new Sent(text);
        current.sent.add(message);
        byClientMsgId.put(message.clientMsgId, message);
        String frame = frame("message").put("clientMsgId", message.clientMsgId).put("text", text).toString();
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        boolean again = false;
        long backoff = 100;
        while (message.ackSeq == null && message.refused == null && System.nanoTime() < deadline) {
            connect();
            Faults.Send fault = faults.nextSend();
            count("fault." + fault.name().toLowerCase(Locale.ROOT));
            if (again) {
                count("resends");
            }
            again = true;
            if (fault == Faults.Send.DROP_BEFORE) {
                drop();
                continue;
            }
            link.send(frame);
            if (fault == Faults.Send.DOUBLE) {
                link.send(frame);
            }
            if (fault == Faults.Send.DROP_AFTER) {
                drop();
                continue;
            }
            JsonNode reply = awaitFrame(f -> isAck(f, message) || isError(f, message.clientMsgId), ACK_WAIT);
            if (reply == null) {
                drop();
                continue;
            }
            if ("error".equals(type(reply))) {
                String code = reply.path("code").asText();
                if (!RETRYABLE.contains(code)) {
                    message.refused = code;
                    break;
                }
                Waiting.pause(backoff);
                backoff = Math.min(backoff * 2, 2_000);
                continue;
            }
            if (fault == Faults.Send.LOSE_ACK) {
                drop();
                continue;
            }
            message.ackSeq = reply.path("seq").asText();
            message.ackNanos = System.nanoTime() - message.firstSentNanos;
            lastAcked = new Stored(current.id, message.ackSeq);
            if (fault == Faults.Send.RESEND_AFTER_ACK) {
                link.send(frame);
                awaitFrame(f -> isAck(f, message), ACK_WAIT);
            }
        }
        if (message.ackSeq == null && message.refused == null) {
            count("gave_up");
        }
        return message;
    }

    /**
     * Waits until an answer (a bot or system message after the message's seq) has arrived, live or in a welcome,
     * riding out drops; false when {@code answerWait} passes first.
     */
    boolean awaitAnswer(Sent message) {
        if (message.ackSeq == null) {
            return false;
        }
        awaiting = message;
        Conversation conversation = current;
        try {
            if (faults.dropWhileWaiting()) {
                count("fault.drop_while_waiting");
                drop();
            }
            long deadline = System.nanoTime() + answerWait.toNanos();
            while (!answered(conversation, message.ackSeq)) {
                if (System.nanoTime() > deadline) {
                    count("unanswered");
                    return false;
                }
                connect();
                awaitFrame(f -> "message".equals(type(f)), Duration.ofSeconds(1));
            }
            return true;
        } finally {
            awaiting = null;
        }
    }

    private static boolean answered(Conversation conversation, String afterSeq) {
        return conversation.deliveries.entrySet().stream().anyMatch(d -> !"customer".equals(d.getValue().role)
                && Seq.compare(d.getKey(), afterSeq) > 0);
    }

    /**
     * Resumes each conversation once more from the last seq seen, to collect what was stored after the customer
     * stopped waiting; then closes.
     */
    void catchUp() {
        for (Conversation conversation : conversations) {
            closeLink();
            current = conversation;
            connect();
        }
        closeLink();
    }

    /** Opens a connection and says hello (resuming the current conversation), trying the servers in turn. */
    private void connect() {
        long backoff = 50;
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (link == null || !link.usable()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no server took the customer back within " + GIVE_UP);
            }
            JsonSocket fresh = JsonSocket.open(server().chat(), Map.of());
            if (fresh == null) {
                count("connect_failed");
                synchronized (this) {
                    server = (server + 1) % servers.size();
                }
                Waiting.pause(backoff);
                backoff = Math.min(backoff * 2, 1_000);
                continue;
            }
            link = fresh;
            ObjectNode hello = frame("hello").put("visitorId", visitorId).put("locale", "en");
            if (current != null) {
                hello.put("conversationId", current.id).put("resumeToken", current.resumeToken);
                if (current.lastSeq != null) {
                    hello.put("lastSeq", current.lastSeq);
                }
            }
            link.send(hello.toString());
            JsonNode welcome = awaitFrame(f -> "welcome".equals(type(f)) || isError(f, null), ACK_WAIT);
            if (welcome == null || "error".equals(type(welcome))) {
                String code = welcome == null ? "closed" : welcome.path("code").asText();
                if (welcome != null && !RETRYABLE.contains(code)) {
                    throw new IllegalStateException("hello refused: " + welcome);
                }
                closeLink();
                Waiting.pause(backoff);
                backoff = Math.min(backoff * 2, 1_000);
                continue;
            }
            if (current == null) {
                current = new Conversation(welcome.path("conversationId").asText(),
                        welcome.path("resumeToken").asText());
                conversations.add(current);
            } else {
                count("resumes");
                if (!current.id.equals(welcome.path("conversationId").asText())) {
                    throw new IllegalStateException("resumed another conversation: " + welcome);
                }
            }
            current.owner = welcome.path("owner").asText();
            welcome.path("messages").forEach(this::received);
        }
    }

    /** The next frame that {@code wanted} accepts, recording every frame on the way; null when closed or silent. */
    private JsonNode awaitFrame(Predicate<JsonNode> wanted, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (link != null) {
            JsonNode frame = link.next(Duration.ofNanos(deadline - System.nanoTime()));
            if (frame == null || frame == JsonSocket.CLOSED) {
                return null;
            }
            record(frame);
            if (wanted.test(frame)) {
                return frame;
            }
        }
        return null;
    }

    private void record(JsonNode frame) {
        switch (type(frame)) {
            case "message" -> received(frame);
            case "ack" -> {
                Sent sent = byClientMsgId.get(frame.path("clientMsgId").asText());
                if (sent != null) {
                    String seq = frame.path("seq").asText();
                    if (sent.firstAckSeq == null) {
                        sent.firstAckSeq = seq;
                    } else if (!sent.firstAckSeq.equals(seq)) {
                        sent.inconsistentAcks++;
                    }
                }
            }
            case "handoff" -> current.owner = frame.path("status").asText();
            case "agent_joined" -> current.owner = "agent";
            case "status" -> current.owner = frame.path("owner").asText();
            case "error" -> count("error." + frame.path("code").asText());
            default -> { }
        }
    }

    private void received(JsonNode message) {
        String seq = message.path("seq").asText();
        current.deliveries.computeIfAbsent(seq, s -> new Delivery(message.path("author").path("role").asText()))
                .times++;
        if (current.lastSeq == null || Seq.compare(seq, current.lastSeq) > 0) {
            current.lastSeq = seq;
        }
    }

    private static boolean isAck(JsonNode frame, Sent message) {
        return "ack".equals(type(frame)) && message.clientMsgId.equals(frame.path("clientMsgId").asText());
    }

    private static boolean isError(JsonNode frame, String clientMsgId) {
        return "error".equals(type(frame)) && (clientMsgId == null ? !frame.hasNonNull("clientMsgId")
                : clientMsgId.equals(frame.path("clientMsgId").asText()));
    }

    private static String type(JsonNode frame) {
        return frame.path("type").asText();
    }

    private static ObjectNode frame(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private void count(String what) {
        counters.merge(what, 1, Integer::sum);
    }

    /** The network goes: the socket is reset, with no closing handshake. */
    private void drop() {
        if (link != null) {
            count("drops");
            link.abort();
            link = null;
        }
    }

    private void closeLink() {
        if (link != null) {
            link.close();
            link = null;
        }
    }

    @Override
    public void close() {
        closeLink();
    }
}
