package dev.baton.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.FixtureArticles;
import dev.baton.testing.TestEmbedder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Calibration of a small project-written knowledge base, with the real model and index. */
class KbCalibratorTest {
    private static final TextAnalysis analysis = new TextAnalysis();
    private static final List<HybridRetriever> opened = new ArrayList<>();
    private final KbCalibrator calibrator = new KbCalibrator(articles -> {
        HybridRetriever retriever = new HybridRetriever(analysis, TestEmbedder.get(), TestEmbedder.get());
        opened.add(retriever);
        KnowledgeBase kb = new KnowledgeBase(new InMemoryArticleStore(), retriever);
        kb.saveAll(articles);
        Answerer answerer = new Answerer(kb, new PassageFinder(analysis), AnswerPolicy.DEFAULT);
        return new KbCalibrator.Scratch() {
            @Override
            public Answerer answerer() {
                return answerer;
            }

            @Override
            public void close() {
                try {
                    retriever.close();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    });

    @AfterAll
    static void closeAnalysis() {
        analysis.close();
    }

    @Test
    void thresholds_come_from_the_knowledge_base_and_say_what_they_mean() {
        KbCalibration calibration = calibrator.calibrate(FixtureArticles.all());

        AnswerPolicy policy = calibration.policy();
        assertTrue(policy.englishOfferThreshold() <= policy.englishThreshold(), policy::toString);
        assertTrue(policy.englishThreshold() >= KbCalibrator.MIN_ANSWER, policy::toString);
        assertTrue(calibration.examplesAsked() > 0);
        assertTrue(calibration.offTopicAsked() > 50, "the built-in bank is asked: " + calibration);
        assertTrue(calibration.offTopicAnswered() <= KbCalibrator.OFF_TOPIC_ANSWERED_TARGET + 1e-9,
                calibration::toString);
        assertTrue(calibration.examplesAnsweredOrOffered() >= calibration.examplesAnswered());
        assertEquals(KbCalibrator.contentHash(FixtureArticles.all()), calibration.contentHash());
    }

    @Test
    void an_admins_thresholds_are_kept_and_measured() {
        AnswerPolicy chosen = new AnswerPolicy(0.9, 0.8, 0.2, 0.3);

        KbCalibration calibration = calibrator.measureAt(FixtureArticles.all(), chosen);

        assertEquals(chosen, calibration.policy());
        assertTrue(calibration.overridden());
        assertTrue(calibration.offTopicAnswered() >= 0 && calibration.offTopicAnswered() <= 1);
    }

    @Test
    void the_content_hash_changes_with_any_article_text_and_not_with_order() {
        List<Article> articles = new ArrayList<>(FixtureArticles.all());
        String hash = KbCalibrator.contentHash(articles);
        List<Article> reversed = new ArrayList<>(articles);
        java.util.Collections.reverse(reversed);
        Article first = articles.get(0);
        articles.set(0, new Article(first.id(), first.title(), first.body() + " More.", first.tags(),
                first.language(), first.examples()));

        assertEquals(hash, KbCalibrator.contentHash(reversed));
        assertNotEquals(hash, KbCalibrator.contentHash(articles));
    }
}
