package dev.baton.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * The whole speed benchmark of one node, in one command: the embedding ceiling (no server), then a Baton in its own
 * JVM on a redis-server of its own, measured by real clients on this machine: answers per second in a closed loop,
 * answer times at an open-loop offered load, a handoff reaching the console, the relay of an agent's reply against
 * a bare Javalin echo, and idle widget sockets with their heap. Prints a table and, with {@code --json}, one last
 * line of JSON. Usage: {@code java -jar bench/target/baton-bench.jar [embedding] [closed] [open] [handoff]
 * [relay] [sockets] [--json] [--customers 32] [--offered 150] [--open-seconds 10] [--sockets 10000] [--handoffs
 * 100] [--relays 500] [--jfr]} (all parts unless some are named); see docs/benchmarks.md.
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PARTS = List.of("embedding", "closed", "open", "handoff", "relay", "sockets");

    private Bench() {}

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        List<String> parts = options.stream().filter(PARTS::contains).toList();
        if (parts.isEmpty()) {
            parts = PARTS;
        }
        int customers = option(args, "--customers", 32);
        int offered = option(args, "--offered", 150);
        int openSeconds = option(args, "--open-seconds", 10);
        int socketCount = option(args, "--sockets", 10_000);
        int handoffs = option(args, "--handoffs", 100);
        int relays = option(args, "--relays", 500);
        Path dir = Files.createTempDirectory("baton-bench");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("loadAverageAtStart", loadAverage());
        System.out.printf(Locale.ROOT, "load average %s; processes' logs in %s%n", loadAverage(), dir);

        EmbeddingLimit.Result limit = null;
        if (parts.contains("embedding")) {
            limit = EmbeddingLimit.measure(ChatBench.QUESTIONS, Duration.ofSeconds(8));
            figures.put("embeddingOnlyPerSecond", round(limit.best()));
            figures.put("embeddingOneAtATimePerSecond", round(limit.oneAtATimePerSecond()));
            figures.put("embeddingBatchedPerSecond", round(limit.batchedPerSecond()));
            figures.put("textsEmbeddedPerSecond", round(limit.textsPerSecond()));
        }

        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        if (options.contains("--jfr")) {
            jvm.add("-XX:StartFlightRecording=filename=" + dir.resolve("baton.jfr") + ",settings=profile");
        }
        try (RedisProcess redis = RedisProcess.start(Files.createDirectories(dir.resolve("redis")));
                BatonProcess node = BatonProcess.start("baton", redis.url(), dir, 4 * socketCount, jvm)) {
            node.awaitLog("Knowledge base calibrated", Duration.ofMinutes(3)); // its background work is over
            var chat = node.endpoint().chat();
            ChatBench.run(chat, 4, 15); // warm-up: JIT, the model's first runs, Redis scripts

            if (parts.contains("closed")) {
                long started = System.nanoTime();
                ChatBench.Results closed = ChatBench.run(chat, customers, 15);
                double seconds = (System.nanoTime() - started) / 1e9;
                figures.put("closedLoopCustomers", customers);
                figures.put("answersPerSecond", round(closed.answers().size() / seconds));
                figures.put("closedLoopAnswerP50Ms", ms(closed.answers(), 50));
                figures.put("closedLoopAnswerP99Ms", ms(closed.answers(), 99));
                if (limit != null) {
                    figures.put("answersPerEmbeddingOnly", round2(closed.answers().size() / seconds / limit.best()));
                }
            }
            if (parts.contains("open")) {
                OpenLoop.Result open = OpenLoop.run(chat, ChatBench.QUESTIONS, offered, openSeconds);
                figures.put("offeredMessagesPerSecond", offered);
                figures.put("answerP50Ms", ms(open.answers(), 50));
                figures.put("answerP90Ms", ms(open.answers(), 90));
                figures.put("answerP99Ms", ms(open.answers(), 99));
                figures.put("unanswered", open.unanswered());
                Object capacity = figures.get("answersPerSecond");
                if (capacity instanceof Double answers && answers / 2 >= 1 && answers / 2 < offered) {
                    // What customers wait at a load this machine can carry now: half what the closed loop got.
                    drained(chat);
                    int half = (int) (answers / 2);
                    OpenLoop.Result carried = OpenLoop.run(chat, ChatBench.QUESTIONS, half, openSeconds);
                    figures.put("halfCapacityMessagesPerSecond", half);
                    figures.put("halfCapacityAnswerP50Ms", ms(carried.answers(), 50));
                    figures.put("halfCapacityAnswerP99Ms", ms(carried.answers(), 99));
                }
            }
            if (parts.contains("handoff") || parts.contains("relay")) {
                drained(chat); // what an overloaded open loop left queued would be counted against the handoffs
                consoleParts(parts, dir, redis, node, handoffs, relays, figures);
            }
            if (parts.contains("sockets")) {
                IdleSockets.Result idle = IdleSockets.run(chat, socketCount, node.pid());
                figures.put("socketsOpen", idle.open());
                figures.put("heapMiBPerThousandSockets", round(idle.mibPerThousand()));
                figures.put("heapMiBWithSockets", round(idle.heapAfterKiB() / 1024.0));
            }
        }
        figures.put("loadAverageAtEnd", loadAverage());
        print(figures);
        if (options.contains("--json")) {
            System.out.println(JSON.writeValueAsString(figures));
        }
        System.exit(0); // Java-WebSocket's and the HTTP client's threads may linger; the run is over
    }

    /** Waits until a fresh question is answered: the bot has caught up with what was asked before it. */
    private static void drained(URI chat) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                ChatBench.run(chat, 1, 1);
                return;
            } catch (ExecutionException stillBehind) {
                if (attempt == 10) {
                    throw stillBehind;
                }
            }
        }
    }

    /** What an agent's console sees: handoffs arriving, and its replies relayed, against a bare echo. */
    private static void consoleParts(List<String> parts, Path dir, RedisProcess redis, BatonProcess node,
            int handoffs, int relays, Map<String, Object> figures) {
        var chat = node.endpoint().chat();
        try (Console console = Console.signIn(node.endpoint(), createAdmin(dir, redis))) {
            if (parts.contains("handoff")) {
                List<Long> visible = Handoffs.visible(chat, console, handoffs);
                figures.put("handoffVisibleP50Ms", ms(visible, 50));
                figures.put("handoffVisibleP99Ms", ms(visible, 99));
            }
            if (parts.contains("relay")) {
                List<Long> relayed = Handoffs.relay(chat, console, relays);
                figures.put("relayP50Ms", ms(relayed, 50));
                figures.put("relayP99Ms", ms(relayed, 99));
            }
        }
        if (parts.contains("relay")) {
            try (EchoServer echo = EchoServer.start(dir)) {
                echo.roundTrips(500); // warm-up
                List<Long> echoed = echo.roundTrips(relays * 4);
                figures.put("echoP50Ms", ms(echoed, 50));
                figures.put("echoP99Ms", ms(echoed, 99));
            }
            figures.put("relayP99PerEchoP99", round2((double) figures.get("relayP99Ms")
                    / (double) figures.get("echoP99Ms")));
        }
    }

    private static Target.Login createAdmin(Path dir, RedisProcess redis) {
        String email = "bench-admin-" + UUID.randomUUID().toString().substring(0, 8) + "@bench.example";
        String password = UUID.randomUUID().toString();
        BatonProcess.command(dir, "admin-create", List.of("admin", "create", "--email", email, "--name",
                "Bench Admin", "--password", password, "--redis-url", redis.url()));
        return new Target.Login(email, password);
    }

    private static void print(Map<String, Object> figures) {
        String[][] rows = {
            {"embedding only (questions/s, no server)", "embeddingOnlyPerSecond", ""},
            {"  one at a time / batched", "embeddingOneAtATimePerSecond", "embeddingBatchedPerSecond"},
            {"answers/s, closed loop", "answersPerSecond", ""},
            {"  answers/s ÷ embedding only (target ≥ 0.8)", "answersPerEmbeddingOnly", ""},
            {"answer p50 / p99 ms, open loop (target p99 ≤ 40)", "answerP50Ms", "answerP99Ms"},
            {"answer p50 / p99 ms, open loop at half the closed loop's rate", "halfCapacityAnswerP50Ms",
                "halfCapacityAnswerP99Ms"},
            {"relay p50 / p99 ms", "relayP50Ms", "relayP99Ms"},
            {"echo p50 / p99 ms", "echoP50Ms", "echoP99Ms"},
            {"  relay p99 ÷ echo p99 (target ≤ 1.5)", "relayP99PerEchoP99", ""},
            {"handoff visible p50 / p99 ms (target p99 ≤ 100)", "handoffVisibleP50Ms", "handoffVisibleP99Ms"},
            {"idle sockets open", "socketsOpen", ""},
            {"  heap MiB per 1,000 / in all", "heapMiBPerThousandSockets", "heapMiBWithSockets"},
        };
        System.out.printf(Locale.ROOT, "%n| measure | figure |%n|---|---|%n");
        for (String[] row : rows) {
            String figure = String.valueOf(figures.get(row[1]))
                    + (row[2].isEmpty() ? "" : " / " + figures.get(row[2]));
            System.out.printf(Locale.ROOT, "| %s | %s |%n", row[0], figure);
        }
        System.out.printf(Locale.ROOT, "(%d customers closed loop, %s msg/s offered, %s unanswered; load average "
                + "%s at start, %s at end)%n", figures.get("closedLoopCustomers"),
                figures.get("offeredMessagesPerSecond"), figures.get("unanswered"),
                figures.get("loadAverageAtStart"), figures.get("loadAverageAtEnd"));
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException notLinux) {
            return "unknown";
        }
    }

    private static double ms(List<Long> nanos, int percentile) {
        return nanos.isEmpty() ? Double.NaN : round2(ChatBench.percentile(nanos, percentile));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
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
