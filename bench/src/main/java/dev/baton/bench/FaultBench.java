package dev.baton.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Baton under faults, with real processes: a redis-server of its own and Baton nodes started from baton.jar on it,
 * real WebSocket customers. Runs the node crash, the Redis restart, client drops and the fuzz (or those named),
 * prints each one's figures and exits 1 when any fell short. Usage: {@code java -cp
 * server/target/baton.jar:bench/target/baton-bench.jar dev.baton.bench.FaultBench [crash] [redis-restart] [drops]
 * [fuzz] [--seed N] [--customers 40] [--kills 3] [--fuzz-inputs 20000] [--json]}; see docs/reliability.md.
 */
public final class FaultBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FAULTS = List.of("crash", "redis-restart", "drops", "fuzz");

    private FaultBench() {}

    public static void main(String[] args) throws Exception {
        List<String> chosen = new ArrayList<>();
        for (String arg : args) {
            if (FAULTS.contains(arg)) {
                chosen.add(arg);
            }
        }
        if (chosen.isEmpty()) {
            chosen.addAll(FAULTS);
        }
        long seed = option(args, "--seed", new Random().nextLong());
        int customers = (int) option(args, "--customers", 40);
        int fuzzInputs = (int) option(args, "--fuzz-inputs", 20_000);
        int kills = (int) option(args, "--kills", 3);
        boolean json = List.of(args).contains("--json");
        Path dir = Files.createTempDirectory("baton-faults");
        System.out.printf(Locale.ROOT, "seed %d (replay with --seed %d); processes' logs in %s%n", seed, seed, dir);

        List<Outcome> outcomes = new ArrayList<>();
        try (Stage stage = new Stage(dir)) {
            for (String fault : chosen) {
                long started = System.nanoTime();
                Outcome outcome = switch (fault) {
                    case "crash" -> NodeCrash.run(stage, customers, kills, Duration.ofSeconds(50), seed);
                    case "redis-restart" -> RedisRestart.run(stage, customers / 2, Duration.ofSeconds(3),
                            Duration.ofSeconds(40), seed);
                    case "drops" -> drops(stage, customers, seed);
                    default -> fuzz(stage, fuzzInputs, seed);
                };
                outcome.put("run time (s)", (System.nanoTime() - started) / 1_000_000_000);
                print(outcome, json);
                outcomes.add(outcome);
            }
        }
        // Javalin's and Java-WebSocket's threads may linger; the run is over.
        System.exit(outcomes.stream().allMatch(Outcome::passed) ? 0 : 1);
    }

    private static Outcome drops(Stage stage, int customers, long seed) {
        try (BatonProcess node = stage.node("drops-node")) {
            return ClientDrops.run(stage.target(List.of(node), null), customers, 30, seed);
        }
    }

    private static Outcome fuzz(Stage stage, int inputs, long seed) {
        Target.Login admin = stage.createAdmin();
        try (BatonProcess node = stage.node("fuzz-node")) {
            return FuzzRun.run(stage.target(List.of(node), admin), inputs, seed, node::alive);
        }
    }

    private static void print(Outcome outcome, boolean json) throws Exception {
        if (json) {
            System.out.println(JSON.writeValueAsString(Map.of("fault", outcome.fault(), "passed", outcome.passed(),
                    "figures", outcome.figures(), "problems", outcome.problems())));
            return;
        }
        System.out.printf(Locale.ROOT, "%n== %s: %s%n", outcome.fault(), outcome.passed() ? "HELD" : "FELL SHORT");
        outcome.figures().forEach((figure, value) -> System.out.printf(Locale.ROOT, "  %-48s %s%n", figure,
                value instanceof Number || value instanceof Boolean || value instanceof String ? value
                        : JSON.valueToTree(value)));
        outcome.problems().forEach(problem -> System.out.println("  ! " + problem));
    }

    private static long option(String[] args, String name, long fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Long.parseLong(args[i + 1]);
            }
        }
        return fallback;
    }
}
