package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Customers' questions arriving on a schedule, whatever the answers do: {@code perSecond} messages a second in all,
 * spread over as many conversations (one question a second each, inside the per-connection allowance). Each
 * answer's time runs from when its question was due, not from when it could be sent, so a server that falls behind
 * is charged for the wait (no coordinated omission).
 */
final class OpenLoop {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenLoop() {}

    /** Answer times in nanoseconds, and how many questions went unanswered. */
    record Result(List<Long> answers, int unanswered) {}

    static Result run(URI chat, List<String> questions, int perSecond, int seconds) throws Exception {
        int conversations = perSecond; // one question a second each
        long periodNanos = 1_000_000_000L;
        List<JsonSocket> sockets = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            sockets.add(ChatBench.open(chat));
        }
        ConcurrentLinkedQueue<Long> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> missed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(conversations);
        long start = System.nanoTime() + 500_000_000L;
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            JsonSocket socket = sockets.get(c);
            long first = start + c * periodNanos / conversations;
            int offset = c;
            done.add(pool.submit(() -> {
                for (int i = 0; i < seconds; i++) {
                    long due = first + i * periodNanos;
                    LockSupport.parkNanos(due - System.nanoTime());
                    socket.send(JSON.createObjectNode().put("type", "message")
                            .put("clientMsgId", UUID.randomUUID().toString())
                            .put("text", questions.get((offset + i) % questions.size())).toString());
                    if (awaitReply(socket, due + periodNanos * 5)) {
                        answers.add(System.nanoTime() - due);
                    } else {
                        missed.add(1);
                    }
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        sockets.forEach(JsonSocket::close);
        return new Result(new ArrayList<>(answers), missed.size());
    }

    /** Waits for the bot's reply (a message not from the customer, or a handoff); false when none came in time. */
    private static boolean awaitReply(JsonSocket socket, long deadline) {
        while (true) {
            JsonNode frame = socket.next(Duration.ofNanos(deadline - System.nanoTime()));
            if (frame == null || frame == JsonSocket.CLOSED) {
                return false;
            }
            String type = frame.path("type").asText();
            if ("handoff".equals(type) || "message".equals(type)
                    && !"customer".equals(frame.path("author").path("role").asText())) {
                return true;
            }
        }
    }
}
