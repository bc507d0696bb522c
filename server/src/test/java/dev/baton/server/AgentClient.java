package dev.baton.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;

/** An agent's console connection to {@code /ws/agent}, with the session cookie of a {@link ConsoleApi}. */
final class AgentClient extends JsonSocketClient {

    private AgentClient(int port, Map<String, String> headers) {
        super(URI.create("ws://localhost:" + port + "/ws/agent"), headers);
    }

    /** Not connected yet; with no cookie when {@code api} is null. */
    static AgentClient of(int port, ConsoleApi api) {
        return new AgentClient(port, api == null || api.cookie() == null ? Map.of() : Map.of("Cookie", api.cookie()));
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
