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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The whole speed benchmark of one node, in one command: the embedding ceiling (no server), then a Baton in its own
 * JVM on a redis-server of its own, measured by real clients on this machine: answers per second in a closed loop,
 * answer times at an open-loop offered load, a handoff reaching the console, the relay of an agent's reply against
 * a bare Javalin echo, and idle widget sockets with their heap. Prints a table and, with {@code --json}, one last
 * line of JSON. Usage: {@code java -jar bench/target/baton-bench.jar --help}; see docs/benchmarks.md.
 */
@Command(name = "baton-bench", mixinStandardHelpOptions = true, version = "Baton bench 0.1.0", sortOptions = false,
        description = "The whole speed benchmark of one node (docs/benchmarks.md); all parts unless some are named.")
public final class Bench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PARTS = List.of("embedding", "closed", "open", "handoff", "relay", "sockets");

    @Parameters(paramLabel = "PART", arity = "0..*",
            description = "Parts to run: embedding, closed, open, handoff, relay, sockets.")
    List<String> parts = new ArrayList<>();

    @Option(names = "--json", description = "End with one line of JSON.")
    boolean json;

    @Option(names = "--customers", description = "Closed-loop customers (default ${DEFAULT-VALUE}).")
    int customers = 32;

    @Option(names = "--offered", description = "Open-loop questions a second (default ${DEFAULT-VALUE}).")
    int offered = 150;

    @Option(names = "--open-seconds", description = "How long the open loop offers (default ${DEFAULT-VALUE}).")
    int openSeconds = 10;

    @Option(names = "--sockets", description = "Idle widget sockets to open (default ${DEFAULT-VALUE}).")
    int socketCount = 10_000;

    @Option(names = "--handoffs", description = "Handoffs timed to the console (default ${DEFAULT-VALUE}).")
    int handoffs = 100;

    @Option(names = "--relays", description = "Agent replies timed to the customer (default ${DEFAULT-VALUE}).")
    int relays = 500;

    @Option(names = "--jfr", description = "Record the server with Java Flight Recorder.")
    boolean jfr;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int status = new CommandLine(new Bench()).execute(args);
        System.exit(status); // Java-WebSocket's and the HTTP client's threads may linger; the run is over
    }

    @Override
    public Integer call() throws Exception {
        for (String part : parts) {
            if (!PARTS.contains(part)) {
                throw new ParameterException(spec.commandLine(), "unknown part '" + part + "'; the parts are "
                        + String.join(", ", PARTS));
            }
        }
        List<String> parts = this.parts.isEmpty() ? PARTS : this.parts;
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
        if (jfr) {
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
        if (json) {
            System.out.println(JSON.writeValueAsString(figures));
        }
        return 0;
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
}
