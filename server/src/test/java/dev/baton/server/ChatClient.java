package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;

/** A customer's connection to {@code /ws/chat}. */
final class ChatClient extends JsonSocketClient {

    private ChatClient(URI uri, Map<String, String> headers) {
        super(uri, headers);
    }

    static ChatClient connect(int port) {
        return unopened(port, Map.of()).open();
    }

    /** A client not yet connected, with the upgrade request's headers (a browser's Origin, ...). */
    static ChatClient unopened(int port, Map<String, String> headers) {
        return new ChatClient(URI.create("ws://localhost:" + port + "/ws/chat"), headers);
    }

    /** Says hello as a new visitor and returns the welcome. */
    JsonNode helloAsNewVisitor() {
        sendFrame(frame("hello").put("visitorId", "visitor-" + System.nanoTime()));
        return next("welcome");
    }

    /** Says hello as a new visitor whose page states their name (not verified), and returns the welcome. */
    JsonNode helloAsNewVisitorNamed(String name) {
        var hello = frame("hello").put("visitorId", "visitor-" + System.nanoTime());
        hello.putObject("identity").put("name", name);
        sendFrame(hello);
        return next("welcome");
    }

    /** Sends a customer message and returns its ack. */
    JsonNode ask(String clientMsgId, String text) {
        sendFrame(frame("message").put("clientMsgId", clientMsgId).put("text", text));
        return next("ack");
    }

    /**
     * The next {@code message} frame, which must be from the given role, past the {@code draft} frames of an answer
     * being written (as a client that ignores frames it does not know); skipping nothing else.
     */
    JsonNode nextMessagePastDrafts(String role) {
        JsonNode frame = nextFrame();
        while ("draft".equals(frame.path("type").asText())) {
            frame = nextFrame();
        }
        JsonNode message = frame;
        assertEquals("message", message.path("type").asText(), () -> "expected a message but got " + message);
        assertEquals(role, message.path("author").path("role").asText(), () -> "unexpected author in " + message);
        return message;
    }

    /** The next {@code message} frame from the given role, skipping none. */
    JsonNode nextMessageFrom(String role) {
        JsonNode message = next("message");
        assertEquals(role, message.path("author").path("role").asText(), () -> "unexpected author in " + message);
        return message;
    }
}
