package dev.baton.server.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A customer on {@code /ws/chat}, for {@code eval conversations}: says hello, sends one message at a time and waits
 * for what the bot does with it (an answer, or the handoff). The JDK's WebSocket client; frames arrive on its thread
 * and are read from a queue.
 */
final class ChatPlayer implements AutoCloseable {
    /** What the bot did with one customer message: the handoff's reason, or the article, "choices" or "not sure". */
    record Outcome(String kind, String detail) {
        boolean handedOff() {
            return kind.equals("handoff");
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private final Duration timeout;

    ChatPlayer(URI chat, String locale, String name, String email, Duration timeout) throws Exception {
        this.timeout = timeout;
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(chat, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        frames.add(json.readTree(partial.toString()));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("the server sent a frame that is not JSON: " + partial, e);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        ObjectNode hello = json.createObjectNode().put("type", "hello")
                .put("visitorId", "eval-" + UUID.randomUUID()).put("locale", locale);
        hello.putObject("identity").put("name", name).put("email", email);
        send(hello);
        next("welcome");
    }

    /** Sends one customer message and waits for the bot's answer or the handoff. */
    Outcome say(String text) throws Exception {
        send(json.createObjectNode().put("type", "message").put("clientMsgId", UUID.randomUUID().toString())
                .put("text", text));
        while (true) {
            JsonNode frame = next(null);
            String type = frame.path("type").asText();
            if (type.equals("handoff")) {
                return new Outcome("handoff", frame.path("reason").asText());
            }
            if (type.equals("message") && frame.path("author").path("role").asText().equals("bot")) {
                JsonNode citations = frame.path("citations");
                JsonNode choices = frame.path("choices");
                return new Outcome("answer", citations.isArray() && !citations.isEmpty()
                        ? citations.get(0).path("articleId").asText()
                        : choices.isArray() && !choices.isEmpty() ? "choices" : "not sure");
            }
            if (type.equals("error")) {
                throw new IllegalStateException("the server refused a message: " + frame);
            }
        }
    }

    private void send(JsonNode frame) throws Exception {
        socket.sendText(json.writeValueAsString(frame), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next frame (of {@code type}, when given, skipping others). */
    private JsonNode next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new IllegalStateException("no " + (type == null ? "answer" : type) + " within " + timeout);
            }
            if (type == null || type.equals(frame.path("type").asText())) {
                return frame;
            }
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null);
    }
}
