package dev.baton.kb;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * bge-small-en-v1.5 (int8-quantized), the in-process sentence embedding model shipped in LangChain4j's jar: no
 * network, about 2-4 ms per short sentence. Each call runs on one ONNX Runtime thread, which measured faster at
 * p99 than letting one question spread over several cores; {@link #embedAll} embeds many texts in parallel.
 */
public final class OnnxEmbedder implements Embedder, AutoCloseable {
    private static final String MODEL = "bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";

    private final ExecutorService batchThreads;
    private final OrtSession session;
    private final Model model;

    /** LangChain4j's embedding model around our own ONNX session (its default session uses every core per call). */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder, ExecutorService executor) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }
    }

    public OnnxEmbedder(int threadsForBatches) {
        ClassLoader loader = AbstractInProcessEmbeddingModel.class.getClassLoader();
        try (InputStream modelBytes = loader.getResourceAsStream(MODEL);
                InputStream tokenizer = loader.getResourceAsStream(TOKENIZER);
                var options = new OrtSession.SessionOptions()) {
            if (modelBytes == null || tokenizer == null) {
                throw new IllegalStateException("the bge-small-en-v1.5-q model is missing from the classpath");
            }
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            this.session = environment.createSession(modelBytes.readAllBytes(), options);
            this.batchThreads = Executors.newFixedThreadPool(threadsForBatches, task -> {
                Thread thread = new Thread(task, "baton-embedder");
                thread.setDaemon(true);
                return thread;
            });
            this.model = new Model(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.CLS),
                    batchThreads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load the embedding model", e);
        }
    }

    @Override
    public String modelId() {
        return "bge-small-en-v1.5-q";
    }

    @Override
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(embedding -> embedding.vector()).toList();
    }

    @Override
    public void close() {
        batchThreads.shutdownNow();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
