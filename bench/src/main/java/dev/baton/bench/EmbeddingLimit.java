package dev.baton.bench;

import dev.baton.kb.BatchingEmbedder;
import dev.baton.kb.Embedder;
import dev.baton.kb.HybridRetriever;
import dev.baton.kb.OnnxEmbedder;
import dev.baton.kb.TextAnalysis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling the bot's answers are measured against: the bench's questions embedded as the bot embeds them
 * ({@link HybridRetriever#prepare}: the question, and the question with the passage-search instruction), by the same
 * model on every core, with no server. Measured one at a time (a thread per core, each question on its own) and
 * batched (many callers through a {@link BatchingEmbedder}); the better one is the limit.
 */
final class EmbeddingLimit {
    /** Questions per second both ways, and texts per second (two texts per English question). */
    record Result(double oneAtATimePerSecond, double batchedPerSecond, double textsPerSecond) {
        double best() {
            return Math.max(oneAtATimePerSecond, batchedPerSecond);
        }
    }

    private EmbeddingLimit() {}

    static Result measure(List<String> questions, Duration each) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> english = questions.stream().filter(q -> q.chars().allMatch(c -> c < 128)).toList();
        try (TextAnalysis analysis = new TextAnalysis(); OnnxEmbedder model = new OnnxEmbedder(cores)) {
            double single = rate(analysis, model, cores, english, each);
            double batched;
            try (BatchingEmbedder batching = new BatchingEmbedder(model, cores, 16, Duration.ofMillis(1))) {
                batched = rate(analysis, batching, cores * 4, english, each);
            }
            return new Result(single, batched, 2 * Math.max(single, batched));
        }
    }

    /** Questions prepared per second by {@code callers} threads asking one after another, after a warm-up. */
    private static double rate(TextAnalysis analysis, Embedder embedder, int callers, List<String> questions,
            Duration each) throws Exception {
        try (HybridRetriever retriever = new HybridRetriever(analysis, embedder, embedder)) {
            run(retriever, callers, questions, Duration.ofSeconds(2)); // JIT and the model's first runs
            return run(retriever, callers, questions, each) / (each.toNanos() / 1e9);
        }
    }

    private static long run(HybridRetriever retriever, int callers, List<String> questions, Duration length)
            throws Exception {
        AtomicLong prepared = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int offset = c;
            done.add(pool.submit(() -> {
                for (int i = offset; System.nanoTime() < end; i++) {
                    retriever.prepare(questions.get(i % questions.size()));
                    prepared.incrementAndGet();
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        return prepared.get();
    }
}
