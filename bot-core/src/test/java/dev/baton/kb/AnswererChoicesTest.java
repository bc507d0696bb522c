package dev.baton.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.FixtureArticles;
import dev.baton.testing.TestEmbedder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What the answerer does between its thresholds: answer, offer two or three articles, or neither. */
class AnswererChoicesTest {
    private static final TextAnalysis analysis = new TextAnalysis();
    private static final KnowledgeBase knowledgeBase = new KnowledgeBase(new InMemoryArticleStore(),
            new HybridRetriever(analysis, TestEmbedder.get(), TestEmbedder.get()));

    static {
        knowledgeBase.saveAll(FixtureArticles.all());
    }

    @AfterAll
    static void close() {
        analysis.close();
    }

    private static Answer answer(AnswerPolicy policy, String question) {
        return new Answerer(knowledgeBase, new PassageFinder(analysis), policy).answer(question).orElseThrow();
    }

    @Test
    void in_the_middle_band_the_best_articles_are_offered_best_first() {
        Answer answer = answer(new AnswerPolicy(0.999, 0.999, 0.0001, 0.0001), "my points are missing");

        assertFalse(answer.confident());
        assertTrue(answer.offersChoices());
        List<Article> choices = answer.choices();
        assertTrue(choices.size() >= 1 && choices.size() <= Answerer.MAX_CHOICES, choices::toString);
        assertEquals(answer.article(), choices.get(0));
        assertEquals(choices.size(), choices.stream().distinct().count());
    }

    @Test
    void above_the_answer_threshold_it_answers_and_below_the_offer_threshold_it_offers_nothing() {
        Answer sure = answer(new AnswerPolicy(0.0001, 0.0001, 0.0, 0.0), "how do customers earn points");
        Answer unsure = answer(new AnswerPolicy(0.9999, 0.9999, 0.9998, 0.9998), "how do customers earn points");

        assertTrue(sure.confident());
        assertTrue(sure.choices().isEmpty());
        assertFalse(unsure.confident());
        assertFalse(unsure.offersChoices());
    }

    @Test
    void a_japanese_question_on_a_topic_with_only_an_english_article_reaches_it_through_the_glossary() {
        Question question = knowledgeBase.prepare("Shopifyと連携するにはどうすればいいですか");
        Answer answer = new Answerer(knowledgeBase, new PassageFinder(analysis), AnswerPolicy.DEFAULT)
                .answer(question).orElseThrow();

        assertEquals("ja", question.language());
        assertTrue(question.english().text().contains("Shopify"), question.english()::text);
        assertTrue(answer.article().id().equals("shopify-integration")
                || answer.choices().stream().anyMatch(a -> a.id().equals("shopify-integration")), answer::toString);
    }

    @Test
    void the_ranker_prefers_the_article_that_answers() {
        Ranker ranker = Ranker.load();
        RankFeatures close = new RankFeatures(0.85, 0.8, 0.8, 1.0, 0.1, 0.0);
        RankFeatures far = new RankFeatures(0.6, 0.55, 0.55, 0.2, -0.1, 0.0);

        assertTrue(ranker.probability(close) > ranker.probability(far));
        assertTrue(ranker.probability(close) > 0 && ranker.probability(close) < 1);
    }
}
