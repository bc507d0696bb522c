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
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A real WebSocket client that records every JSON frame it receives, for tests to take one at a time with a
 * timeout ({@code next("ack")}) instead of sleeping.
 */
class JsonSocketClient extends WebSocketClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile String closeReason;

    JsonSocketClient(URI uri, Map<String, String> headers) {
        super(uri, headers);
    }

    /** Connects, failing the test when the server does not accept. */
    <T extends JsonSocketClient> T open() {
        assertTrue(tryOpen(), () -> "connected to " + getURI() + " (" + closeReason + ")");
        @SuppressWarnings("unchecked")
        T self = (T) this;
        return self;
    }

    /** Connects; false when the server refused the upgrade (see {@link #closeReason()}). */
    boolean tryOpen() {
        try {
            return connectBlocking(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Why the connection closed or was refused, as Java-WebSocket reports it (it includes the HTTP status). */
    String closeReason() {
        return closeReason;
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
    public void onClose(int code, String reason, boolean remote) {
        closeReason = code + " " + reason;
        closed.countDown();
    }

    /** Waits until the connection is closed and returns {@link #closeReason()}, or fails after {@code millis}. */
    String awaitClose(long millis) {
        try {
            assertTrue(closed.await(millis, TimeUnit.MILLISECONDS), () -> "the server did not close "
                    + getURI() + " within " + millis + " ms");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return closeReason;
    }

    @Override
    public void onError(Exception ex) {}

    static ObjectNode frame(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    void sendFrame(JsonNode frame) {
        send(frame.toString());
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

    /** Asserts that nothing arrives for a while. */
    void expectSilence(long millis) {
        JsonNode frame = poll(millis);
        assertNull(frame, () -> "expected no frame, got " + frame);
    }

    JsonNode poll(long millis) {
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
