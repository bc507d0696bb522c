package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A real WebSocket client on {@code /ws/chat} that records every frame it receives, for tests to take one at a
 * time with a timeout ({@code next("ack")}) instead of sleeping.
 */
final class ChatClient extends WebSocketClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

    private ChatClient(URI uri) {
        super(uri);
    }

    static ChatClient connect(int port) {
        ChatClient client = new ChatClient(URI.create("ws://localhost:" + port + "/ws/chat"));
        try {
            assertTrue(client.connectBlocking(5, TimeUnit.SECONDS), "connected to /ws/chat");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return client;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String message) {
        try {
            frames.add(JSON.readTree(message));
        } catch (JsonProcessingException e) {
            throw new AssertionError("the server sent something that is not JSON: " + message, e);
        }
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        throw new AssertionError("the server sent a binary frame");
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {}

    @Override
    public void onError(Exception ex) {}

    static ObjectNode frame(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    void sendFrame(JsonNode frame) {
        send(frame.toString());
    }

    /** Says hello as a new visitor and returns the welcome. */
    JsonNode helloAsNewVisitor() {
        sendFrame(frame("hello").put("visitorId", "visitor-" + System.nanoTime()));
        return next("welcome");
    }

    /** Sends a customer message and returns its ack. */
    JsonNode ask(String clientMsgId, String text) {
        sendFrame(frame("message").put("clientMsgId", clientMsgId).put("text", text));
        return next("ack");
    }

    /** The next frame, which must be of {@code type}. */
    JsonNode next(String type) {
        JsonNode frame = poll(5_000);
        assertNotNull(frame, "expected a '" + type + "' frame within 5 s");
        assertEquals(type, frame.path("type").asText(), () -> "expected '" + type + "' but got " + frame);
        return frame;
    }

    /** The next frame, whatever its type. */
    JsonNode nextFrame() {
        JsonNode frame = poll(5_000);
        assertNotNull(frame, "expected a frame within 5 s");
        return frame;
    }

    /** The next {@code message} frame from the given role, skipping none. */
    JsonNode nextMessageFrom(String role) {
        JsonNode message = next("message");
        assertEquals(role, message.path("author").path("role").asText(), () -> "unexpected author in " + message);
        return message;
    }

    /** Asserts that nothing arrives for a while. */
    void expectSilence(long millis) {
        assertNull(poll(millis), "expected no frame");
    }

    private JsonNode poll(long millis) {
        try {
            return frames.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    void closeNow() {
        try {
            closeBlocking();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
