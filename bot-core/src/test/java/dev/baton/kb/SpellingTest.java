package dev.baton.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.testing.TestEmbedder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Mistyped words of a question take the articles' spelling; everything else is left as the customer wrote it. */
class SpellingTest {
    private static final TextAnalysis analysis = new TextAnalysis();
    private static final LexicalIndex index = new LexicalIndex(analysis);
    private static final Spelling spelling = new Spelling(index::spellingInArticles);

    static {
        index.index(List.of(
                new Article("count-stock", "Count your inventory", """
                        Open the warehouse, scan each shelf and save the count. Differences are recorded as
                        adjustments.
                        """, List.of(), "en", List.of("How do I count stock?")),
                new Article("ja-count-stock", "棚卸し", "倉庫ごとに数えて保存します。", List.of(), "ja",
                        List.of("棚卸しの方法"))));
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
        analysis.close();
    }

    @Test
    void a_mistyped_word_takes_the_spelling_the_articles_use() {
        assertEquals("How do I count inventory in the warehouse? The differences look wrong",
                spelling.correct("How do I count invetory in the warehosue? The differnces look wrong"));
    }

    @Test
    void a_word_the_articles_have_or_the_model_knows_is_left_alone() {
        // "border" is one edit from "order"-like words but is English; "shelves" is English but not in the articles.
        assertEquals("Count the shelves at the border", spelling.correct("Count the shelves at the border"));
    }

    @Test
    void another_company_name_short_words_and_japanese_are_left_alone() {
        assertEquals("does it work w/ quickbooks pls? 倉庫", spelling.correct("does it work w/ quickbooks pls? 倉庫"));
    }

    @Test
    void a_word_two_edits_from_the_articles_is_not_taken_for_a_mistype() {
        assertEquals("inventory", index.spellingInArticles("inventroy"));
        assertEquals(null, index.spellingInArticles("invantery"));
    }
}
