package dev.baton.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast versions of the fault harness, on a real server in this JVM: customers whose connections drop at random
 * points, and a few thousand hostile inputs to its three doors. Each prints its seed; replay a failure with
 * {@code -Dfaults.seed=} or {@code -Dfuzz.seed=}. {@link FaultBench} runs the process-level faults and the long runs.
 */
class FaultToleranceTest {
    private static final int FUZZ_INPUTS = 3_000;
    private static InProcessBaton baton;

    @BeforeAll
    static void start() {
        baton = new InProcessBaton();
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    @Test
    void drops_and_resends_at_random_points_lose_nothing_duplicate_nothing_and_keep_the_order() {
        long seed = seed("faults.seed");

        Outcome outcome = ClientDrops.run(baton.target(), 8, 15, seed);

        System.out.println(outcome.figures());
        assertTrue(outcome.passed(), () -> "seed " + seed + ": " + String.join("\n", outcome.problems()));
        assertEquals(8 * 15, outcome.figures().get("messages sent"));
        assertEquals(8 * 15, outcome.figures().get("questions answered once"));
        assertTrue((int) outcome.figures().get("connections dropped") > 0, "the run dropped connections");
    }

    @Test
    void hostile_input_gets_clear_refusals_and_changes_nothing_stored() {
        long seed = seed("fuzz.seed");

        Outcome outcome = FuzzRun.run(baton.target(), FUZZ_INPUTS, seed, () -> true);

        System.out.println(outcome.figures());
        assertTrue(outcome.passed(), () -> "seed " + seed + ": " + String.join("\n", outcome.problems()));
        assertEquals(FUZZ_INPUTS, outcome.figures().get("inputs tried"));
    }

    private static long seed(String property) {
        long seed = Long.getLong(property, new Random().nextLong());
        System.out.println(property + " " + seed + " (replay with -D" + property + "=" + seed + ")");
        return seed;
    }
}
