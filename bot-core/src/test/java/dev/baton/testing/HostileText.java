package dev.baton.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Customer texts of the largest size the widget accepts, written the way an attacker writes them to make a
 * backtracking pattern stall: long runs that almost match, repeated keywords, nested alternatives. And the check
 * that reading one of them stays quick.
 */
public final class HostileText {
    /** The longest message a customer can send (ChatLimits). */
    public static final int MAX = 4_000;
    /** The time bound issue 11 sets for reading one hostile message. */
    public static final Duration BOUND = Duration.ofMillis(50);

    private HostileText() {}

    /** {@code unit} repeated to exactly {@link #MAX} characters. */
    public static String repeat(String unit) {
        return unit.repeat(MAX / unit.length() + 1).substring(0, MAX);
    }

    /** {@code start}, then {@code filler} up to {@link #MAX} characters but one, then {@code end}. */
    public static String between(String start, char filler, String end) {
        return start + String.valueOf(filler).repeat(MAX - start.length() - end.length()) + end;
    }

    /** Texts aimed at the handoff's detail patterns, at the email pattern and at the detectors' word patterns. */
    public static List<String> all() {
        List<String> texts = new ArrayList<>(List.of(
                between("refund order", ' ', "x"),
                between("order no", ' ', ":x"),
                between("order number", '\t', "#"),
                between("purchase", ' ', "-"),
                between("invoice", ' ', "x"),
                between("bill no.", ' ', "#"),
                between("注文", ' ', "番"),
                between("請求書番号", ' ', "x"),
                repeat("invoice "),
                repeat("order "),
                repeat("order #"),
                between("order A", '-', "x"),
                repeat("A-"),
                repeat("1"),
                between("", '1', "x"),
                repeat("1,"),
                repeat("1."),
                between("$", '1', "x"),
                between("$", ',', "1"),
                repeat("#"),
                repeat("#1"),
                repeat("a"),
                repeat("a."),
                repeat("a@"),
                between("a@a", '.', "!"),
                repeat(".a"),
                repeat("a-"),
                repeat("jan"),
                repeat("1/"),
                repeat("1st of "),
                repeat("12 "),
                repeat("pro "),
                repeat("edit "),
                repeat("change my "),
                between("change", ' ', "order"),
                repeat("edit item "),
                repeat("cancel"),
                repeat("cancellation cost to cancel "),
                repeat("refund refunds refunded "),
                repeat("damn "),
                repeat("not helpful "),
                repeat("AAA "),
                repeat("A"),
                repeat("!?"),
                repeat("アカウント"),
                repeat("自動更新"),
                repeat("返して"),
                repeat("ばか"),
                repeat("cancel refund order #12345 invoice INV-2291 $1,299.00 on 2024-03-05 Pro plan kim@example.com ")));
        return texts;
    }

    /**
     * Fails unless {@code read} finishes within {@link #BOUND} of the reading thread's CPU time, in one of up to five
     * runs: the first runs may still be warming up the JIT (a server that has been up a minute is warm), and a
     * garbage collection or the other processes of a busy machine should not count. A pattern that backtracks takes
     * seconds to minutes on these texts, not a few milliseconds more, and is stopped after ten seconds.
     */
    public static void assertQuick(String what, Runnable read) {
        assertQuick(what, BOUND, read);
    }

    /** As {@link #assertQuick(String, Runnable)}, with its own bound. */
    public static void assertQuick(String what, Duration bound, Runnable read) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            long best = Long.MAX_VALUE;
            for (int run = 0; run < 5 && best >= bound.toNanos(); run++) {
                long started = threads.getCurrentThreadCpuTime();
                read.run();
                best = Math.min(best, threads.getCurrentThreadCpuTime() - started);
            }
            long bestNanos = best;
            assertTrue(bestNanos < bound.toNanos(), () -> String.format("%s took %.1f ms", what, bestNanos / 1e6));
        }, () -> what + " did not finish within 10 s");
    }

    /** A short name for a hostile text, for failure messages. */
    public static String describe(String text) {
        return "\"" + text.substring(0, Math.min(24, text.length())).replace("\t", "\\t") + "…\" ("
                + text.length() + " chars)";
    }
}
