package dev.baton.testing;

import dev.baton.detect.FrustrationDetector;
import dev.baton.detect.IntentDetector;
import dev.baton.detect.MessageAnalyzer;
import dev.baton.kb.AnswerPolicy;
import dev.baton.kb.Answerer;
import dev.baton.kb.HybridRetriever;
import dev.baton.kb.InMemoryArticleStore;
import dev.baton.kb.KnowledgeBase;
import dev.baton.kb.PassageFinder;
import dev.baton.kb.TextAnalysis;

/**
 * The bot's real reading parts for tests: an answerer over the fixture articles and the message analyzer, built once
 * per test JVM (fitting the intent classifier takes a few seconds) and shared by the test classes that need them.
 */
public final class TestBotParts {
    private static Answerer answerer;
    private static MessageAnalyzer analyzer;

    private TestBotParts() {}

    public static synchronized Answerer answerer() {
        load();
        return answerer;
    }

    public static synchronized MessageAnalyzer analyzer() {
        load();
        return analyzer;
    }

    private static void load() {
        if (answerer != null) {
            return;
        }
        // Lives as long as the JVM, like the embedding model: the analysers are thread-safe and hold no files.
        TextAnalysis analysis = new TextAnalysis();
        var knowledgeBase = new KnowledgeBase(new InMemoryArticleStore(),
                new HybridRetriever(analysis, TestEmbedder.get(), TestEmbedder.get()));
        knowledgeBase.saveAll(FixtureArticles.all());
        answerer = new Answerer(knowledgeBase, new PassageFinder(analysis), AnswerPolicy.DEFAULT);
        analyzer = new MessageAnalyzer(IntentDetector.load(), FrustrationDetector.load(),
                analysis);
    }
}
