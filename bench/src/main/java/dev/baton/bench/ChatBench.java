package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.server.BatonApp;
import dev.baton.server.BatonConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

/**
 * Baton end to end, as customers load it: a real server in this JVM (embedded Redis in a temporary folder, the
 * demo knowledge base), and real WebSocket clients that each ask questions one after another and time the
 * acknowledgement (stored in Redis) and the bot's answer (through the event feed, the bot and back). Also weighs
 * the messenger script. Usage: {@code java -cp server/target/baton.jar:bench/target/baton-bench.jar
 * dev.baton.bench.ChatBench [--clients 20] [--messages 15]}.
 */
public final class ChatBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Questions the demo knowledge base answers (its articles' examples, reworded). */
    static final List<String> QUESTIONS = List.of("How do customers earn points?", "Do points expire?",
            "How does the referral program work?", "How much does Perkful cost?", "Where can I download my invoices?",
            "How do I install Perkful on Shopify?", "How do I connect Klaviyo?", "Do you have an API?",
            "How do I add a team member?", "ポイントに有効期限はありますか？");

    private ChatBench() {}

    public static void main(String[] args) throws Exception {
        int clients = option(args, "--clients", 20);
        // Each connection may send a burst of 20 messages (then 1 a second): stay within it, as people do.
        int messages = option(args, "--messages", 15);
        Path dataDir = Files.createTempDirectory("baton-bench");
        System.out.printf(Locale.ROOT, "widget.js: %,d bytes, %,d gzipped%n", widgetBytes(false), widgetBytes(true));
        try (BatonApp app = BatonApp.start(BatonConfig.defaults().withPort(0).withDataDir(dataDir).withDemo(true))) {
            URI chat = URI.create("ws://localhost:" + app.port() + "/ws/chat");
            run(chat, 2, 15); // warm-up: JIT, model sessions, Redis scripts
            long started = System.nanoTime();
            Results results = run(chat, clients, messages);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "%d clients x %d messages in %.1f s: %.0f answers/s%n", clients, messages,
                    seconds, results.answers.size() / seconds);
            report("ack (stored)", results.acks);
            report("bot answer", results.answers);
            System.out.printf(Locale.ROOT, "{\"clients\":%d,\"messages\":%d,\"answersPerSecond\":%.1f,"
                    + "\"ackP50Ms\":%.2f,\"ackP99Ms\":%.2f,\"answerP50Ms\":%.2f,\"answerP99Ms\":%.2f}%n", clients,
                    messages, results.answers.size() / seconds, percentile(results.acks, 50),
                    percentile(results.acks, 99), percentile(results.answers, 50), percentile(results.answers, 99));
        }
        // Javalin's WebSocket ping thread outlives the server's stop; the measurement is done.
        System.exit(0);
    }

    record Results(List<Long> acks, List<Long> answers) {}

    static Results run(URI chat, int clients, int messages) throws Exception {
        ConcurrentLinkedQueue<Long> acks = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> answers = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            done.add(pool.submit(() -> {
                customer(chat, messages, offset, acks, answers);
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        return new Results(new ArrayList<>(acks), new ArrayList<>(answers));
    }

    /** One customer asking {@code messages} questions in turn, each waiting for its answer. */
    private static void customer(URI chat, int messages, int offset, ConcurrentLinkedQueue<Long> acks,
            ConcurrentLinkedQueue<Long> answers) throws Exception {
        JsonSocket client = open(chat);
        try {
            for (int i = 0; i < messages; i++) {
                String id = UUID.randomUUID().toString();
                String question = QUESTIONS.get((offset + i) % QUESTIONS.size());
                long sent = System.nanoTime();
                client.send(JSON.createObjectNode().put("type", "message").put("clientMsgId", id)
                        .put("text", question).toString());
                JsonNode ack = await(client, frame -> "ack".equals(frame.path("type").asText())
                        || "error".equals(frame.path("type").asText()));
                if (!"ack".equals(ack.path("type").asText())) {
                    throw new IllegalStateException("refused: " + ack);
                }
                acks.add(System.nanoTime() - sent);
                JsonNode reply = await(client, frame -> "message".equals(frame.path("type").asText())
                        && !"customer".equals(frame.path("author").path("role").asText()));
                answers.add(System.nanoTime() - sent);
                if (!"bot".equals(reply.path("author").path("role").asText())) {
                    // Handed over (a person is needed now): the next question goes in a new conversation.
                    client.close();
                    client = open(chat);
                }
            }
        } finally {
            client.close();
        }
    }

    /** A customer's socket, said hello to. */
    static JsonSocket open(URI chat) {
        return greeted(chat).socket();
    }

    /** A customer's socket and the conversation its welcome named. */
    record Greeted(JsonSocket socket, String conversationId) {}

    static Greeted greeted(URI chat) {
        JsonSocket client = JsonSocket.open(chat, Map.of());
        if (client == null) {
            throw new IllegalStateException("could not connect to " + chat);
        }
        client.send(JSON.createObjectNode().put("type", "hello").put("visitorId", "bench-" + UUID.randomUUID())
                .put("locale", "en").toString());
        JsonNode welcome = await(client, frame -> "welcome".equals(frame.path("type").asText()));
        return new Greeted(client, welcome.path("conversationId").asText());
    }

    static JsonNode await(JsonSocket client, Predicate<JsonNode> wanted) {
        while (true) {
            JsonNode frame = client.next(Duration.ofSeconds(30));
            if (frame == null || frame == JsonSocket.CLOSED) {
                throw new IllegalStateException(frame == null ? "no answer within 30 s" : "the server closed");
            }
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    private static void report(String what, List<Long> nanos) {
        System.out.printf(Locale.ROOT, "%-14s n=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n", what,
                nanos.size(), percentile(nanos, 50), percentile(nanos, 90), percentile(nanos, 99),
                percentile(nanos, 100));
    }

    /** Nearest-rank percentile, in milliseconds. */
    static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1e6;
    }

    private static long widgetBytes(boolean gzipped) throws IOException {
        try (InputStream in = ChatBench.class.getResourceAsStream("/dev/baton/widget/public/widget.js")) {
            byte[] script = in.readAllBytes();
            if (!gzipped) {
                return script.length;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(script);
            }
            return out.size();
        }
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
