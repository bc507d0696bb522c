package dev.baton.server.ops;

import dev.baton.kb.Embedder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/**
 * The model as the batches of customers' questions reach it, timed ({@code baton_embedding_seconds{call="one"|"batch"}}:
 * a call on one text, or on several); the wait for a batch is not in it (that is {@code baton_embedding_wait_seconds}).
 * The vectors are the model's, unchanged.
 */
final class TimedEmbedder implements Embedder {
    private final Embedder inner;
    private final Timer one;
    private final Timer batch;

    TimedEmbedder(Embedder inner, MeterRegistry registry) {
        this.inner = inner;
        String description = "Time the model took to embed customers' questions, one call";
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
        return (texts.size() == 1 ? one : batch).record(() -> inner.embedAll(texts));
    }
}
