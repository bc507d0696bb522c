package dev.baton.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.testing.TestEmbedder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Which article comes first for a Japanese question when several could answer it. */
class JapaneseRankingTest {
    private static final TextAnalysis analysis = new TextAnalysis();
    private static final KnowledgeBase knowledgeBase = new KnowledgeBase(new InMemoryArticleStore(),
            new HybridRetriever(analysis, TestEmbedder.get(), TestEmbedder.get()));
    private static final Answerer answerer = new Answerer(knowledgeBase, new PassageFinder(analysis),
            AnswerPolicy.DEFAULT);

    static {
        knowledgeBase.saveAll(List.of(
                new Article("cancel-subscription", "Cancel your subscription", """
                        Go to Settings → Billing and choose **Cancel subscription**. You keep access to your data
                        until the end of the period you paid for, and you can come back at any time.
                        """, List.of("billing"), "en", List.of("How do I cancel my subscription?",
                        "Can I still see my data after I cancel?", "Can I come back after cancelling?")),
                new Article("ja-cancel-subscription", "サブスクリプションの解約", """
                        設定 → お支払いから「解約する」を選びます。お支払い済みの期間が終わるまでデータを閲覧できます。
                        いつでも再開できます。
                        """, List.of("billing"), "ja", List.of("解約の方法を教えてください", "解約後もデータは見られますか")),
                new Article("ja-plans", "料金プラン", """
                        ## 料金
                        スタータープランは月額2,000円、プロプランは月額8,000円です。
                        ## お支払い方法
                        クレジットカードのほか、年払いなら銀行振込でも払えます。詳しくは銀行振込の記事をご覧ください。
                        """, List.of("billing"), "ja", List.of("料金はいくらですか", "プランの違いは何ですか")),
                new Article("ja-bank-transfer", "銀行振込でのお支払い", """
                        カードの代わりに銀行振込で払えます。請求書に書かれた口座へ、期日までにお振込みください。
                        """, List.of("billing"), "ja", List.of("振込で払えますか", "銀行振込の口座はどこですか"))));
    }

    @AfterAll
    static void close() {
        analysis.close();
    }

    private static String first(String question) {
        return answerer.ranked(answerer.prepare(question)).get(0).articleId();
    }

    @Test
    void of_two_articles_with_every_word_of_the_question_the_one_about_it_comes_first() {
        // The pricing page mentions cards, bank transfers and paying too; the bank transfer article is about them.
        assertEquals("ja-bank-transfer", first("カードじゃなくて振込で払いたいんですが"));
    }

    @Test
    void a_japanese_question_gets_the_japanese_article_before_its_english_twin() {
        assertEquals("ja-cancel-subscription", first("解約したあともデータは見られますか"));
        assertEquals("ja-cancel-subscription", first("一度解約しても、あとから再開できますか"));
    }

    @Test
    void an_english_question_is_not_drawn_to_the_japanese_articles() {
        assertEquals("cancel-subscription", first("can we still look at our data once we cancel"));
    }
}
