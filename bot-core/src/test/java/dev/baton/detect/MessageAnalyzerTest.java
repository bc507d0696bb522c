package dev.baton.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.conversation.Author;
import dev.baton.conversation.Citation;
import dev.baton.conversation.History;
import dev.baton.event.FeedbackGiven;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageAnalyzed;
import dev.baton.event.MessageCreated;
import dev.baton.kb.Language;
import dev.baton.kb.TextAnalysis;
import dev.baton.testing.TestEmbedder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Frustration per message and across the conversation, with the evidence that raised it. */
class MessageAnalyzerTest {
    private static final TextAnalysis analysis = new TextAnalysis();
    private static MessageAnalyzer analyzer;
    private final List<LoggedEvent> log = new ArrayList<>();
    private int seq = 1;

    @BeforeAll
    static void load() {
        analyzer = new MessageAnalyzer(IntentDetector.load(), FrustrationDetector.load(),
                analysis);
    }

    @AfterAll
    static void close() {
        analysis.close();
    }

    /** The customer says {@code text}; the analysis is recorded as the bot would. */
    private Analysis customerSays(String text) {
        String at = (seq++) + "-0";
        log.add(new LoggedEvent(at, "n", new MessageCreated("c", Author.customer(), text, List.of(), null, at)));
        String language = Language.detect(text);
        Analysis result = analyzer.analyze(at, text, language,
                language.equals(Language.ENGLISH) ? TestEmbedder.get().embed(text) : null, History.of(log));
        log.add(new LoggedEvent((seq++) + "-0", "n", new MessageAnalyzed("c", at, result)));
        return result;
    }

    private String botAnswers(String text, boolean withArticle) {
        String at = (seq++) + "-0";
        log.add(new LoggedEvent(at, "n", new MessageCreated("c", Author.bot("Baton"), text,
                withArticle ? List.of(new Citation("a", "A", "u")) : List.of(), withArticle ? 0.8 : 0.4, null)));
        return at;
    }

    /** The bot offers two articles to choose from ("Did you mean…"). */
    private void botOffersChoices() {
        String at = (seq++) + "-0";
        log.add(new LoggedEvent(at, "n", new MessageCreated("c", Author.bot("Baton"), "Did you mean one of these?",
                List.of(), 0.4, null, List.of(new Citation("a", "A", "u"), new Citation("b", "B", "u")))));
    }

    private static boolean saysNoHelpFor(Analysis analysis, String replies) {
        return analysis.evidence().stream().anyMatch(e -> e.startsWith("sounds annoyed")
                && e.contains("replies in a row that did not help (" + replies + ")"));
    }

    @Test
    void annoyance_after_three_offers_not_taken_reaches_the_threshold_and_quotes_the_customer() {
        customerSays("how do I get an alert when a product is running low?");
        botOffersChoices();
        customerSays("I set a minimum of 5 on the mugs and no alert came");
        botOffersChoices();
        customerSays("alerts are switched on in my profile and the address is right");
        botOffersChoices();

        Analysis annoyed = customerSays("this is ridiculous, I've spent an hour on one alert");

        assertTrue(annoyed.frustration() >= 0.8, annoyed::toString);
        assertTrue(saysNoHelpFor(annoyed, "choices not taken 3 times"), annoyed::toString);
        assertTrue(annoyed.evidence().stream().anyMatch(e -> e.endsWith(
                "\"this is ridiculous, I've spent an hour on one alert\"")), annoyed::toString);
    }

    @Test
    void a_calm_message_after_offers_not_taken_adds_nothing() {
        customerSays("how do I get an alert when a product is running low?");
        botOffersChoices();
        customerSays("I set a minimum of 5 on the mugs and no alert came");
        botOffersChoices();
        customerSays("alerts are switched on in my profile and the address is right");
        botOffersChoices();

        Analysis calm = customerSays("ok, different question: how do I print a packing slip?");

        assertTrue(calm.frustration() < 0.5, calm::toString);
        assertFalse(calm.evidence().stream().anyMatch(e -> e.startsWith("sounds annoyed")), calm::toString);
    }

    @Test
    void the_same_annoyance_with_no_reply_that_failed_before_it_stays_below_the_threshold() {
        Analysis alone = customerSays("this is ridiculous, I've spent an hour on one alert");

        assertTrue(alone.frustration() < 0.8, alone::toString);
        assertFalse(alone.evidence().stream().anyMatch(e -> e.startsWith("sounds annoyed")), alone::toString);
    }

    @Test
    void an_answer_that_helped_ends_the_run_of_replies_without_help() {
        customerSays("how do I get an alert when a product is running low?");
        botOffersChoices();
        customerSays("I set a minimum of 5 on the mugs and no alert came");
        botOffersChoices();
        customerSays("where do I switch alerts on?");
        botAnswers("Alerts are switched on under Profile > Notifications.", true);

        Analysis next = customerSays("this is ridiculous, why is it hidden there");

        assertFalse(next.evidence().stream().anyMatch(e -> e.startsWith("sounds annoyed")), next::toString);
    }

    @Test
    void not_sure_and_an_answer_said_not_to_help_count_as_replies_without_help() {
        customerSays("can the barcode scanner read QR codes?");
        botAnswers("I'm not sure I have the right answer to that.", false);
        customerSays("the scanner in the mobile app, can it read QR codes on boxes?");
        botAnswers("Scan barcodes from Inventory > Scan.", true);

        Analysis annoyed = customerSays("that didn't help. this is ridiculous");

        assertTrue(saysNoHelpFor(annoyed, "not sure once, said not to help once"), annoyed::toString);
        assertTrue(annoyed.frustration() >= 0.8, annoyed::toString);
    }

    @Test
    void japanese_annoyance_after_replies_that_did_not_help_reaches_the_threshold() {
        customerSays("在庫が少なくなったら通知を受け取れますか");
        botOffersChoices();
        customerSays("通知はオンにしていますがメールが届きません");
        botAnswers("よくわかりませんでした。", false);
        customerSays("迷惑メールにも入っていません");
        botOffersChoices();

        Analysis annoyed = customerSays("もう1時間もやっています。困ってます");
        Analysis alone = new MessageAnalyzerTest().customerSays("もう1時間もやっています。困ってます");

        assertTrue(annoyed.frustration() >= 0.8, annoyed::toString);
        assertTrue(saysNoHelpFor(annoyed, "choices not taken twice, not sure once"), annoyed::toString);
        assertTrue(alone.frustration() < 0.8, alone::toString);
    }

    @Test
    void a_calm_question_is_not_frustrated() {
        Analysis calm = customerSays("How do customers earn points for their orders?");

        assertTrue(calm.frustration() < 0.3, calm::toString);
        assertTrue(calm.evidence().isEmpty(), calm::toString);
    }

    @Test
    void profanity_capitals_and_repeated_punctuation_are_evidence() {
        Analysis angry = customerSays("WHY IS THIS STILL BROKEN?!?! this is bullshit");

        assertTrue(angry.frustration() >= 0.8, angry::toString);
        assertTrue(angry.evidence().contains("writes in CAPITALS"), angry::toString);
        assertTrue(angry.evidence().stream().anyMatch(e -> e.startsWith("profanity")), angry::toString);
        assertTrue(angry.evidence().stream().anyMatch(e -> e.startsWith("repeated punctuation")), angry::toString);
    }

    @Test
    void japanese_frustration_comes_from_its_words() {
        Analysis angry = customerSays("何度も言ってるのにいい加減にしてください");

        assertTrue(angry.frustration() >= 0.7, angry::toString);
        assertTrue(angry.evidence().stream().anyMatch(e -> e.contains("何度も")), angry::toString);
    }

    @Test
    void frustration_builds_up_over_a_conversation_that_goes_badly() {
        Analysis first = customerSays("My points aren't showing up for my last order.");
        botAnswers("Points appear within a minute of the order.", true);
        Analysis second = customerSays("That didn't help, my points for the last order are still not showing.");
        botAnswers("I'm not sure I have the right answer to that.", false);
        Analysis third = customerSays("This is ridiculous!!! Third time I ask, where are my points?");

        assertTrue(first.frustration() < second.frustration(), first + " then " + second);
        assertTrue(second.frustration() < third.frustration(), second + " then " + third);
        assertTrue(second.notHelpful());
        assertTrue(second.evidence().stream().anyMatch(e -> e.startsWith("asks the same question again")
                && e.contains("My points aren't showing up for my last order.")), second::toString);
        assertTrue(second.asksAgain(), second::toString);
        assertTrue(third.evidence().contains("the bot was not sure of its last answer"), third::toString);
        assertTrue(third.frustration() >= 0.8, third::toString);
    }

    @Test
    void a_no_on_did_this_help_counts_for_the_next_message() {
        customerSays("how do I connect Shopify?");
        String answer = botAnswers("Install the app from the Shopify App Store.", true);
        log.add(new LoggedEvent((seq++) + "-0", "n", new FeedbackGiven("c", answer, false)));

        Analysis next = customerSays("ok what else can I try");

        assertTrue(next.evidence().contains("said \"No\" to \"Did this help?\""), next::toString);
    }

    @Test
    void the_intent_comes_with_its_evidence() {
        Analysis refund = customerSays("I want a refund for the double charge");

        assertEquals(Intent.REFUND, refund.intent());
        assertTrue(refund.evidence().get(0).startsWith("asks for money back"), refund::toString);
    }

    @Test
    void the_same_question_in_other_words_after_an_answer_is_asked_again() {
        customerSays("How do I export all my orders to a spreadsheet?");
        botAnswers("Orders > Export gives a CSV of the orders in view.", true);

        Analysis again = customerSays("how can I export every one of my orders into a spreadsheet?");

        assertTrue(again.asksAgain(), again::toString);
        assertTrue(again.evidence().stream().anyMatch(e -> e.startsWith("asks the same question again")),
                again::toString);
    }

    @Test
    void a_new_question_after_an_answer_is_not_asked_again() {
        customerSays("How do I export all my orders to a spreadsheet?");
        botAnswers("Orders > Export gives a CSV of the orders in view.", true);

        Analysis next = customerSays("thanks. and how do I invite a colleague to the workspace?");

        assertFalse(next.asksAgain(), next::toString);
        assertTrue(next.frustration() < 0.3, next::toString);
    }

    @Test
    void putting_it_again_in_other_words_after_an_answer_is_asked_again() {
        customerSays("can I see who packed an order?");
        botAnswers("Stock changes are listed under Inventory > History.", true);

        Analysis again = customerSays("sorry, I mean the name of the staff member who packed it");

        assertTrue(again.asksAgain(), again::toString);
        assertTrue(again.evidence().contains("puts the question again in other words (\"i mean\")"),
                again::toString);
    }

    @Test
    void saying_the_answer_missed_the_question_is_asking_again() {
        customerSays("can the app count stock by first in, first out?");
        botAnswers("Stock is valued at average cost.", true);

        Analysis again = customerSays("that doesn't answer my question, can it do first in, first out: yes or no");

        assertTrue(again.asksAgain(), again::toString);
    }

    @Test
    void the_same_article_twice_and_sarcasm_right_after_it_add_up() {
        customerSays("my stock does not sync to the shop");
        botAnswers("Check that each location is mapped.", true);
        customerSays("the locations are mapped, it still shows zero");
        botAnswers("Check that each location is mapped.", true);

        Analysis sarcastic = customerSays("oh great, thanks for that");

        assertTrue(sarcastic.evidence().contains("the bot sent the same article twice (\"A\")"),
                sarcastic::toString);
        assertTrue(sarcastic.evidence().contains("sarcastic right after the bot's answer"), sarcastic::toString);
        assertTrue(sarcastic.frustration() >= 0.8, sarcastic::toString);
    }

    @Test
    void saying_the_conversation_goes_nowhere_is_enough_on_its_own() {
        Analysis fedUp = customerSays("do you even read what I write? this is the same answer again");

        assertTrue(fedUp.frustration() >= 0.8, fedUp::toString);
        assertTrue(fedUp.evidence().stream().anyMatch(e -> e.startsWith("fed up with the conversation")),
                fedUp::toString);
    }
}
