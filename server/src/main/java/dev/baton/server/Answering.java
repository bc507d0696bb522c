package dev.baton.server;

import dev.baton.detect.FrustrationDetector;
import dev.baton.detect.IntentDetector;
import dev.baton.detect.MessageAnalyzer;
import dev.baton.kb.AnswerPolicy;
import dev.baton.kb.Article;
import dev.baton.kb.Answerer;
import dev.baton.kb.ArticleStore;
import dev.baton.kb.BatchingEmbedder;
import dev.baton.kb.CachingEmbedder;
import dev.baton.kb.Embedder;
import dev.baton.kb.EmbeddingCache;
import dev.baton.kb.HybridRetriever;
import dev.baton.kb.InMemoryArticleStore;
import dev.baton.kb.KbCalibrator;
import dev.baton.kb.KnowledgeBase;
import dev.baton.kb.Language;
import dev.baton.kb.OnnxEmbedder;
import dev.baton.kb.PassageFinder;
import dev.baton.kb.TextAnalysis;
import dev.baton.llm.SupportCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

/**
 * The language side of the bot: the embedding model, the knowledge base and its answerer, and the message analyzer
 * (intent, frustration), built the one way both the server and the eval commands use, so that what eval measures is
 * what customers get. Closing it frees the model and the index.
 */
public final class Answering implements AutoCloseable {
    /** Questions asked within this long of one another are embedded in one call (see docs/benchmarks.md). */
    private static final Duration QUESTION_LINGER = Duration.ofMillis(1);
    private static final int QUESTION_BATCH = 16;

    private final TextAnalysis analysis = new TextAnalysis();
    private final OnnxEmbedder embedder;
    /** Customers' questions, from every bot thread, gathered into batches for the model. */
    private final BatchingEmbedder questionEmbedder;
    private final HybridRetriever retriever;
    private final KnowledgeBase knowledgeBase;
    private final PassageFinder passages;
    private final CachingEmbedder articleEmbedder;
    private MessageAnalyzer analyzer;

    /**
     * @param cacheFor the embedding cache for a model id
     */
    public Answering(ArticleStore store, Function<String, EmbeddingCache> cacheFor) {
        this(store, cacheFor, UnaryOperator.identity(), waited -> {});
    }

    /**
     * @param questionModel wraps the model where the batches of customers' questions reach it (the server times its
     *     calls there, without the wait for a batch)
     * @param questionWaits hears how long each question waited for its batch, in nanoseconds
     */
    public Answering(ArticleStore store, Function<String, EmbeddingCache> cacheFor,
            UnaryOperator<Embedder> questionModel, LongConsumer questionWaits) {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        embedder = new OnnxEmbedder(cores);
        questionEmbedder = new BatchingEmbedder(questionModel.apply(embedder), cores, QUESTION_BATCH,
                QUESTION_LINGER, questionWaits);
        articleEmbedder = new CachingEmbedder(embedder, cacheFor.apply(embedder.modelId()));
        retriever = new HybridRetriever(analysis, articleEmbedder, questionEmbedder);
        knowledgeBase = new KnowledgeBase(store, retriever);
        passages = new PassageFinder(analysis);
    }

    /**
     * A text's embedding through the Redis cache, for texts read again and again (content gaps); null for
     * languages without an embedding model.
     */
    public float[] cachedEmbedding(String text) {
        return Language.ENGLISH.equals(Language.detect(text)) ? articleEmbedder.embed(text) : null;
    }

    /** Checks a language model's English text against its sources with the same embedding model. */
    public SupportCheck supportCheck() {
        return new SupportCheck(embedder, analysis);
    }

    public KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    public Answerer answerer(AnswerPolicy policy) {
        return new Answerer(knowledgeBase, passages, policy);
    }

    /** An answerer whose thresholds are read at every question (the knowledge base's calibration as it is now). */
    public Answerer answerer(Answerer.PolicySource policy) {
        return new Answerer(knowledgeBase, passages, policy);
    }

    public HybridRetriever retriever() {
        return retriever;
    }

    /** Calibrates a knowledge base on throwaway copies of it, built from the cached embeddings. */
    public KbCalibrator calibrator() {
        return new KbCalibrator(articles -> sandbox(articles, AnswerPolicy.DEFAULT));
    }

    /**
     * A throwaway knowledge base of {@code articles} with its own index, for trying a draft; built from the cached
     * embeddings, so only changed text is embedded. Close it when done.
     */
    public Sandbox sandbox(List<Article> articles, AnswerPolicy policy) {
        HybridRetriever scratch = new HybridRetriever(analysis, articleEmbedder, questionEmbedder);
        InMemoryArticleStore store = new InMemoryArticleStore();
        articles.forEach(store::save);
        KnowledgeBase copy = new KnowledgeBase(store, scratch);
        copy.load();
        return new Sandbox(new Answerer(copy, passages, policy), copy, scratch);
    }

    /** A knowledge base for one trial. */
    public record Sandbox(Answerer answerer, KnowledgeBase knowledgeBase, HybridRetriever retriever)
            implements KbCalibrator.Scratch {
        @Override
        public void close() {
            try {
                retriever.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The intent and frustration detectors; loaded on first use (their examples are embedded once, cached). */
    public synchronized MessageAnalyzer analyzer() {
        if (analyzer == null) {
            analyzer = new MessageAnalyzer(IntentDetector.load(), FrustrationDetector.load(),
                    analysis);
        }
        return analyzer;
    }

    @Override
    public void close() throws Exception {
        retriever.close();
        questionEmbedder.close();
        embedder.close();
        analysis.close();
    }
}
