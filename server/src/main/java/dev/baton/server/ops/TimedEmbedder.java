package dev.baton.server.ops;

import dev.baton.kb.Embedder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/**
 * The embedder of customers' questions, timed ({@code baton_embedding_seconds{call="one"|"batch"}}: one text, or
 * many at once); the vectors are the inner embedder's, unchanged.
 */
final class TimedEmbedder implements Embedder {
    private final Embedder inner;
    private final Timer one;
    private final Timer batch;

    TimedEmbedder(Embedder inner, MeterRegistry registry) {
        this.inner = inner;
        String description = "Time to embed customers' questions with the model";
        this.one = MeteredWorker.latency("baton.embedding", description).tag("call", "one").register(registry);
        this.batch = MeteredWorker.latency("baton.embedding", description).tag("call", "batch").register(registry);
    }

    @Override
    public String modelId() {
        return inner.modelId();
    }

    @Override
    public float[] embed(String text) {
        return one.record(() -> inner.embed(text));
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return batch.record(() -> inner.embedAll(texts));
    }
}
