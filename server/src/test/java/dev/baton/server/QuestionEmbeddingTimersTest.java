package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.kb.EmbeddingCache;
import dev.baton.kb.InMemoryArticleStore;
import dev.baton.server.ops.Observability;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code baton_embedding_seconds} times the model's calls on customers' questions, not the wait for a batch, with
 * the real model behind the real batching embedder and many bot threads asking at once.
 */
class QuestionEmbeddingTimersTest {
    private static final int ASKERS = 32;
    private static final int QUESTIONS_EACH = 4;

    /** No cache: the questions are embedded by the model, which is the point. */
    private static final EmbeddingCache NONE = new EmbeddingCache() {
        @Override
        public Map<String, float[]> getAll(Collection<String> keys) {
            return Map.of();
        }

        @Override
        public void putAll(Map<String, float[]> vectors) {}
    };

    private static double seconds(Observability metrics, String name) {
        return metrics.registry().find(name).timers().stream().mapToDouble(t -> t.totalTime(TimeUnit.SECONDS)).sum();
    }

    private static long count(Observability metrics, String name) {
        return metrics.registry().find(name).timers().stream().mapToLong(Timer::count).sum();
    }

    /**
     * The model runs on as many batch threads as there are cores, so its calls cannot add up to more than that many
     * times the run's wall time; the bot threads' waits for a batch, 32 of them at once, would.
     */
    @Test
    void the_embedding_timer_holds_the_model_s_time_and_the_wait_for_a_batch_is_timed_apart() throws Exception {
        int modelThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService bots = Executors.newFixedThreadPool(ASKERS);
        try (Observability metrics = new Observability();
                Answering answering = new Answering(new InMemoryArticleStore(), model -> NONE,
                        metrics::timedQuestions, metrics.questionWaits())) {
            long started = System.nanoTime();
            List<Future<?>> asking = new ArrayList<>();
            for (int b = 0; b < ASKERS; b++) {
                int bot = b;
                asking.add(bots.submit(() -> {
                    for (int q = 0; q < QUESTIONS_EACH; q++) {
                        answering.retriever().prepare("Do my points expire after " + (bot * 10 + q) + " days?");
                    }
                }));
            }
            for (Future<?> asked : asking) {
                asked.get(120, TimeUnit.SECONDS);
            }
            double wall = (System.nanoTime() - started) / 1e9;

            double model = seconds(metrics, "baton.embedding");
            assertTrue(count(metrics, "baton.embedding") >= 1, "the model's calls are timed");
            assertTrue(model <= modelThreads * wall + 0.01, "the model's calls took " + model + " s in " + wall
                    + " s of wall time on " + modelThreads + " threads: the timer holds more than the model");
            // Each question is embedded twice (as asked, and with the passage-search instruction): each text waited.
            assertEquals(ASKERS * QUESTIONS_EACH * 2, count(metrics, "baton.embedding.wait"));
            assertTrue(seconds(metrics, "baton.embedding.wait") > 0);
        } finally {
            bots.shutdownNow();
        }
    }
}
