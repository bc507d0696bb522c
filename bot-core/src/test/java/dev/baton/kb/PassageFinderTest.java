package dev.baton.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.FixtureArticles;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PassageFinderTest {
    private static final TextAnalysis analysis = new TextAnalysis();
    private final PassageFinder finder = new PassageFinder(analysis);

    @AfterAll
    static void close() {
        analysis.close();
    }

    /** By shared words only, as for a language without embeddings. */
    private String find(Article article, String question) {
        return finder.find(article, ArticleText.of(article), question, null);
    }

    @Test
    void steps_come_whole_with_the_sentence_that_introduces_them() {
        String passage = find(FixtureArticles.CANCEL, "where do I click to cancel");

        assertEquals("""
                To cancel:
                1. Open Settings → Billing.
                2. Click Cancel subscription.
                3. Choose a reason and confirm.""", passage);
    }

    @Test
    void a_passage_is_whole_sentences_of_the_article_without_markup() {
        String passage = find(FixtureArticles.POINTS, "can I change the points rate");

        assertEquals("By default a customer earns 1 point for every dollar spent. You can change the rate in "
                + "Settings → Points. Taxes and shipping never earn points.", passage);
    }

    @Test
    void japanese_sentences_are_split_at_the_full_stop() {
        var article = new Article("ja", "テスト", "最初の文です。" + "あ".repeat(300) + "。送料にはポイントが付きません。",
                List.of(), "ja", List.of());

        String passage = find(article, "送料にポイントは付きますか");

        assertTrue(passage.endsWith("送料にはポイントが付きません。"), passage);
        assertTrue(passage.length() < article.body().length(), "not the whole article");
    }

    @Test
    void with_similarities_the_most_similar_unit_wins_even_without_shared_words() {
        double[] similarities = new double[ArticleText.of(FixtureArticles.POINTS).units().size()];
        similarities[similarities.length - 1] = 0.9;

        String passage = finder.find(FixtureArticles.POINTS, ArticleText.of(FixtureArticles.POINTS), "zzz",
                similarities);

        assertTrue(passage.endsWith("Bonus points appear in the customer's balance within a minute."), passage);
    }

    @Test
    void an_article_found_by_its_title_answers_with_its_opening() {
        String passage = find(FixtureArticles.SHOPIFY, "zzz");

        assertTrue(passage.startsWith("Install the app from the Shopify App Store"), passage);
    }
}
