package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.Seq;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Customers' questions arriving on a schedule, whatever the answers do: {@code perSecond} messages a second in all,
 * spread over as many conversations (one question a second each, inside the per-connection allowance). Each
 * conversation sends its questions on time and reads its frames in between. Each answer's time runs from when its
 * question was due, not from when it could be sent, so a server that falls behind is charged for the wait (no
 * coordinated omission).
 *
 * <p>A reply is matched to the question it answers, not to whichever was sent last: the server's {@code ack} names a
 * question by its {@code clientMsgId} and gives its {@code seq}, and the bot answers a conversation's stored messages
 * one after the other, once each (a bot message or a handoff), so a reply answers the oldest acknowledged question
 * still waiting whose seq is before the reply's. An answer after the 5 s a question waits leaves it unanswered (and
 * is not credited to the next one); a question refused with an {@code error} gets no answer.
 */
final class OpenLoop {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PERIOD_NANOS = 1_000_000_000L;
    private static final long WAIT_NANOS = 5 * PERIOD_NANOS;

    private OpenLoop() {}

    /** Answer times in nanoseconds, and how many questions went unanswered. */
    record Result(List<Long> answers, int unanswered) {}

    static Result run(URI chat, List<String> questions, int perSecond, int seconds) throws Exception {
        int conversations = perSecond; // one question a second each
        List<JsonSocket> sockets = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            sockets.add(ChatBench.open(chat));
        }
        ConcurrentLinkedQueue<Long> answers = new ConcurrentLinkedQueue<>();
        AtomicInteger unanswered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(conversations);
        long start = System.nanoTime() + 500_000_000L;
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            JsonSocket socket = sockets.get(c);
            long first = start + c * PERIOD_NANOS / conversations;
            int offset = c;
            done.add(pool.submit(() -> {
                Asked asked = new Asked();
                for (int i = 0; i < seconds; i++) {
                    long due = first + i * PERIOD_NANOS;
                    asked.readUntil(socket, due, false);
                    String clientMsgId = UUID.randomUUID().toString();
                    asked.add(clientMsgId, due);
                    socket.send(JSON.createObjectNode().put("type", "message").put("clientMsgId", clientMsgId)
                            .put("text", questions.get((offset + i) % questions.size())).toString());
                }
                asked.readUntil(socket, first + (seconds - 1) * PERIOD_NANOS + WAIT_NANOS, true);
                answers.addAll(asked.answers);
                unanswered.addAndGet(seconds - asked.answers.size());
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        sockets.forEach(JsonSocket::close);
        return new Result(new ArrayList<>(answers), unanswered.get());
    }

    /** One conversation's questions, oldest first, and the answers they got in time; used by its one thread. */
    private static final class Asked {
        /** A question sent when due; its seq once acknowledged. */
        private static final class Question {
            final String clientMsgId;
            final long due;
            String seq;

            Question(String clientMsgId, long due) {
                this.clientMsgId = clientMsgId;
                this.due = due;
            }
        }

        private final List<Question> waiting = new ArrayList<>();
        final List<Long> answers = new ArrayList<>();

        void add(String clientMsgId, long due) {
            waiting.add(new Question(clientMsgId, due));
        }

        /**
         * Reads frames until {@code until} ({@link System#nanoTime()}); with {@code orAllAnswered}, no longer than
         * some question waits for its answer.
         */
        void readUntil(JsonSocket socket, long until, boolean orAllAnswered) {
            while (System.nanoTime() < until) {
                if (waiting.isEmpty()) {
                    if (!orAllAnswered) {
                        LockSupport.parkNanos(until - System.nanoTime());
                    }
                    return;
                }
                JsonNode frame = socket.next(Duration.ofNanos(until - System.nanoTime()));
                if (frame == null) {
                    return;
                }
                if (frame == JsonSocket.CLOSED) {
                    waiting.clear(); // nothing more comes: they stay unanswered
                    return;
                }
                read(frame, System.nanoTime());
            }
        }

        private void read(JsonNode frame, long at) {
            String type = frame.path("type").asText();
            if ("ack".equals(type)) {
                find(frame.path("clientMsgId").asText()).ifPresent(question -> question.seq = frame.path("seq")
                        .asText());
            } else if ("error".equals(type)) {
                find(frame.path("clientMsgId").asText()).ifPresent(waiting::remove); // refused: never answered
            } else if ("handoff".equals(type) || "message".equals(type)
                    && "bot".equals(frame.path("author").path("role").asText())) {
                String seq = frame.path("seq").asText();
                if (!Seq.isValid(seq)) {
                    return;
                }
                waiting.stream().filter(question -> question.seq != null && Seq.compare(question.seq, seq) < 0)
                        .findFirst().ifPresent(question -> {
                            waiting.remove(question);
                            if (at - question.due <= WAIT_NANOS) {
                                answers.add(at - question.due);
                            }
                        });
            }
        }

        private Optional<Question> find(String clientMsgId) {
            return waiting.stream().filter(question -> question.clientMsgId.equals(clientMsgId)).findFirst();
        }
    }
}
