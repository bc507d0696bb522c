package dev.baton.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** An agent's console connection to {@code /ws/agent}, with the session cookie of a {@link ConsoleApi}. */
final class AgentClient extends JsonSocketClient {

    private AgentClient(int port, Map<String, String> headers) {
        super(URI.create("ws://localhost:" + port + "/ws/agent"), headers);
    }

    /** Not connected yet; with no cookie when {@code api} is null. */
    static AgentClient of(int port, ConsoleApi api) {
        return of(port, api, null);
    }

    /** Not connected yet, as a page of {@code origin} would open it (no Origin header when null). */
    static AgentClient of(int port, ConsoleApi api, String origin) {
        Map<String, String> headers = new HashMap<>();
        if (api != null && api.cookie() != null) {
            headers.put("Cookie", api.cookie());
        }
        if (origin != null) {
            headers.put("Origin", origin);
        }
        return new AgentClient(port, headers);
    }

    /** Connects and says hello, resuming after {@code lastEventId} when given; returns the welcome. */
    JsonNode hello(String lastEventId) {
        var hello = frame("hello");
        if (lastEventId != null) {
            hello.put("lastEventId", lastEventId);
        }
        sendFrame(hello);
        return next("welcome");
    }

    /** The next {@code event} frame about the given conversation, skipping presence and other conversations. */
    JsonNode nextEventOf(String conversationId) {
        while (true) {
            JsonNode frame = nextFrame();
            if ("event".equals(frame.path("type").asText())
                    && conversationId.equals(frame.path("conversationId").asText())) {
                return frame;
            }
        }
    }
}
