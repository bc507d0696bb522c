package dev.baton.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The open loop against a real WebSocket server standing in for Baton's {@code /ws/chat}: it speaks the protocol
 * (welcome, ack, the customer's message back, the bot's reply) and answers each conversation's questions in order, as
 * Baton's bot does, with the delays and refusals a test sets.
 */
class OpenLoopTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ScheduledExecutorService bot = Executors.newSingleThreadScheduledExecutor();
    private StandIn server;

    /** The stand-in: question n (from 0) is refused when listed in {@code refused}, or answered after its delay. */
    private final class StandIn extends WebSocketServer {
        private final List<Duration> delays;
        private final List<Integer> refused;
        private final CountDownLatch started = new CountDownLatch(1);
        /** When each question reached the server ({@link System#nanoTime()}). */
        private final List<Long> arrivals = new CopyOnWriteArrayList<>();
        private int questions;
        private long seq = 1_000;
        /** When the bot's previous reply goes out: the bot answers one turn after the other. */
        private long botFreeAt;

        StandIn(List<Duration> delays, List<Integer> refused) {
            super(new InetSocketAddress("127.0.0.1", 0));
            this.delays = delays;
            this.refused = refused;
            setReuseAddr(true);
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket socket, ClientHandshake handshake) {}

        @Override
        public void onClose(WebSocket socket, int code, String reason, boolean remote) {}

        @Override
        public void onError(WebSocket socket, Exception e) {}

        @Override
        public synchronized void onMessage(WebSocket socket, String text) {
            JsonNode frame;
            try {
                frame = JSON.readTree(text);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            switch (frame.path("type").asText()) {
                case "hello" -> socket.send(JSON.createObjectNode().put("type", "welcome")
                        .put("conversationId", "c-1").put("owner", "bot").toString());
                case "message" -> question(socket, frame.path("clientMsgId").asText());
                default -> throw new AssertionError("unexpected frame " + text);
            }
        }

        private void question(WebSocket socket, String clientMsgId) {
            arrivals.add(System.nanoTime());
            int n = questions++;
            if (refused.contains(n)) {
                socket.send(JSON.createObjectNode().put("type", "error").put("code", "unavailable")
                        .put("message", "try again").put("clientMsgId", clientMsgId).toString());
                return;
            }
            String stored = (seq++) + "-0";
            socket.send(JSON.createObjectNode().put("type", "ack").put("clientMsgId", clientMsgId)
                    .put("seq", stored).toString());
            ObjectNode echo = JSON.createObjectNode().put("type", "message").put("seq", stored)
                    .put("clientMsgId", clientMsgId);
            echo.putObject("author").put("role", "customer");
            socket.send(echo.toString());
            long now = System.nanoTime();
            long at = Math.max(now + delays.get(n).toNanos(), botFreeAt + TimeUnit.MILLISECONDS.toNanos(20));
            botFreeAt = at;
            bot.schedule(() -> reply(socket), at - now, TimeUnit.NANOSECONDS);
        }

        private synchronized void reply(WebSocket socket) {
            ObjectNode answer = JSON.createObjectNode().put("type", "message").put("seq", (seq++) + "-0")
                    .put("text", "Points never expire.");
            answer.putObject("author").put("role", "bot").put("name", "Baton");
            socket.send(answer.toString());
        }
    }

    private URI start(List<Duration> delays, List<Integer> refused) throws InterruptedException {
        server = new StandIn(delays, refused);
        server.start();
        assertTrue(server.started.await(5, TimeUnit.SECONDS));
        return URI.create("ws://127.0.0.1:" + server.getPort() + "/ws/chat");
    }

    @AfterEach
    void stop() throws InterruptedException {
        bot.shutdownNow();
        if (server != null) {
            server.stop(1_000);
        }
    }

    /**
     * The first answer comes after the 5 s the loop waits and the second question is refused: the late answer
     * belongs to the first question (unanswered), not to the second (never stored) nor the third.
     */
    @Test
    void a_late_reply_is_charged_to_its_own_question_and_a_refused_question_gets_none() throws Exception {
        URI chat = start(List.of(Duration.ofMillis(5_500), Duration.ZERO, Duration.ZERO), List.of(1));

        OpenLoop.Result result = OpenLoop.run(chat, List.of("Do points expire?"), 1, 3);

        assertEquals(2, result.unanswered(), "the first came too late, the second was refused");
        assertEquals(1, result.answers().size(), result.answers()::toString);
        // The third was due 2 s after the first; the bot answers it after the first's reply, 5.5 s after that.
        double seconds = result.answers().get(0) / 1e9;
        assertTrue(seconds > 3 && seconds < 5, "the third question waited " + seconds + " s");
    }

    @Test
    void questions_go_out_on_their_schedule_while_an_answer_is_slow() throws Exception {
        URI chat = start(List.of(Duration.ofMillis(2_500), Duration.ZERO, Duration.ZERO), List.of());

        OpenLoop.Result result = OpenLoop.run(chat, List.of("Do points expire?"), 1, 3);

        assertEquals(0, result.unanswered());
        assertEquals(3, result.answers().size());
        List<Double> sent = server.arrivals.stream().map(at -> (at - server.arrivals.get(0)) / 1e9).toList();
        assertEquals(3, sent.size());
        // One a second, although the first answer took 2.5 s.
        assertTrue(sent.get(1) > 0.8 && sent.get(1) < 1.4 && sent.get(2) > 1.8 && sent.get(2) < 2.4,
                sent::toString);
    }
}
