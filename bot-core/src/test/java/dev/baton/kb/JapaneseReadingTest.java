package dev.baton.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Japanese side of reading: the shipped support vocabulary and the glossary into English. */
class JapaneseReadingTest {
    private static final TextAnalysis analysis = new TextAnalysis();

    @AfterAll
    static void close() {
        analysis.close();
    }

    @Test
    void words_of_one_support_group_become_the_same_term() {
        Set<String> cancel = analysis.terms("解約したい", Language.JAPANESE);
        Set<String> leave = analysis.terms("退会したい", Language.JAPANESE);
        Set<String> refund = analysis.terms("払い戻しはできますか", Language.JAPANESE);

        assertTrue(cancel.contains("解約"), cancel::toString);
        assertTrue(leave.contains("解約"), leave::toString);
        assertTrue(refund.contains("払い戻し") || refund.contains("払い戻す"), refund::toString);
        assertEquals(analysis.terms("返金", Language.JAPANESE), analysis.terms("払い戻し", Language.JAPANESE));
    }

    @Test
    void the_glossary_reads_a_japanese_question_in_english_words() {
        Glossary glossary = Glossary.load();

        assertEquals("refund invoice", glossary.english("返金と請求書について"));
        assertEquals("Shopify log in sign in", glossary.english("Shopifyにログインできない"));
        assertEquals("", glossary.english("今日はいい天気"));
    }
}
