package dev.baton.server;

import dev.baton.kb.AnswerPolicy;
import dev.baton.kb.Answerer;
import dev.baton.kb.ArticleStore;
import dev.baton.kb.CachingEmbedder;
import dev.baton.kb.EmbeddingCache;
import dev.baton.kb.HybridRetriever;
import dev.baton.kb.KnowledgeBase;
import dev.baton.kb.OnnxEmbedder;
import dev.baton.kb.PassageFinder;
import dev.baton.kb.TextAnalysis;
import java.util.function.Function;

/**
 * The knowledge base and the answerer, built the one way both the server and the eval command use, so that what
 * eval measures is what customers get. Closing it frees the model and the index.
 */
public final class Answering implements AutoCloseable {
    private final TextAnalysis analysis = new TextAnalysis();
    private final OnnxEmbedder embedder;
    private final HybridRetriever retriever;
    private final KnowledgeBase knowledgeBase;
    private final PassageFinder passages;

    /**
     * @param cacheFor the embedding cache for a model id
     */
    public Answering(ArticleStore store, Function<String, EmbeddingCache> cacheFor) {
        embedder = new OnnxEmbedder(Math.max(1, Runtime.getRuntime().availableProcessors()));
        retriever = new HybridRetriever(analysis, new CachingEmbedder(embedder, cacheFor.apply(embedder.modelId())),
                embedder);
        knowledgeBase = new KnowledgeBase(store, retriever);
        passages = new PassageFinder(analysis);
    }

    /** Blocks until retrieval's classifier has learnt every change so far; for measuring, not for serving. */
    public void awaitSettled() {
        retriever.awaitClassifier();
    }

    public KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    public Answerer answerer(AnswerPolicy policy) {
        return new Answerer(knowledgeBase, passages, policy);
    }

    @Override
    public void close() throws Exception {
        retriever.close();
        embedder.close();
        analysis.close();
    }
}
