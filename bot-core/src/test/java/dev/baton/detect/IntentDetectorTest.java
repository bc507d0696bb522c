package dev.baton.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.kb.Language;
import dev.baton.kb.TextAnalysis;
import dev.baton.testing.TestEmbedder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests that need a person, told apart from questions about them, in English and Japanese (real model). */
class IntentDetectorTest {
    private static final TextAnalysis analysis = new TextAnalysis();
    private static IntentDetector detector;

    @BeforeAll
    static void load() {
        detector = IntentDetector.load();
    }

    @AfterAll
    static void close() {
        analysis.close();
    }

    private static IntentDetector.Result detect(String text) {
        String language = Language.detect(text);
        return detector.detect(text, language,
                language.equals(Language.ENGLISH) ? TestEmbedder.get().embed(text) : null);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Please close my account, I'm moving to another loyalty app | CANCEL",
        "turn off the auto-renewal of my Pro plan | CANCEL",
        "I want my money back for last month's charge | REFUND",
        "still no sign of the refund you promised two weeks ago | REFUND",
        "I'd like to file a formal complaint about your support | COMPLAINT",
        "agent please | HUMAN",
        "can I talk to a real person? | HUMAN",
        "解約したいです | CANCEL",
        "返金してください | REFUND",
        "人と話したい | HUMAN",
        "オペレーターに繋いで | HUMAN",
        "苦情を申し立てたいです | COMPLAINT",
    })
    void requests_are_detected(String text, Intent expected) {
        IntentDetector.Result result = detect(text);

        assertEquals(expected, result.intent(), () -> text + " -> " + result);
        assertFalse(result.evidence().isEmpty(), "an intent always says why");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "how long do refunds take?",
        "is there a cancellation fee?",
        "what is your refund policy for annual plans",
        "how do my customers cancel a reward?",
        "what are your support hours?",
        "how do I earn points on Shopify orders",
        "where do I download my invoice",
        "返金ポリシーを教えて",
        "解約に手数料はかかりますか",
        "お客様がポイントを取り消す方法は？",
    })
    void questions_about_policies_and_how_tos_are_not_requests(String text) {
        assertNull(detect(text).intent(), text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "we stopped using the product in spring, please wind our account down | CANCEL",
        "remove our card and close the whole workspace | CANCEL",
        "you billed us for eight seats and we have five, please send back the difference | REFUND",
        "the renewal went through after I switched it off, I want that money returned | REFUND",
        "the export lost a week of orders and nobody replied to my emails, not acceptable | COMPLAINT",
        "your outage cost us a full day of sales, that one is on you | COMPLAINT",
        "we are a company of 120 people, could someone from your sales team get in touch | HUMAN",
        "ボットじゃなくて担当の人と話させてください | HUMAN",
        "こちらの不具合で損害が出ています。納得がいきません | COMPLAINT",
        "二回引き落とされたので一回分を返金してほしいです | REFUND",
        "来月で契約を終わりにしてください | CANCEL",
    })
    void requests_in_a_customers_own_words_are_detected(String text, Intent expected) {
        assertEquals(expected, detect(text).intent(), () -> text + " -> " + detect(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "if we cancel in the middle of the month, do we keep access until it ends?",
        "how do I give one of my buyers a refund for a broken item",
        "how do I take a former colleague off our workspace",
        "can a person order from my shop without creating an account",
        "our human resources team wants an export of all users, how do I make one",
        "send me a notification whenever someone places a big order",
        "how do I cancel my Netflix subscription",
        "are you a bot haha",
        "注文のキャンセル方法を教えてください",
        "月額プランは自動更新されますか",
        "スマホの会社の解約のしかたを知りたい",
    })
    void questions_with_the_same_words_are_not_requests(String text) {
        assertNull(detect(text).intent(), () -> text + " -> " + detect(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "we only have two users now, is it possible to pay for fewer seats?",
        "my trial ran out yesterday, is all my data deleted??",
        "our office has no internet on fridays, will the bookings made offline sync later?",
        "メールの通知をオンにしましたが、まだ何も届いていません",
        "予約の確認メールが、設定を変えてもまだ英語で届きます",
        "アプリを更新したら、商品の写真が表示されなくなりました",
    })
    void a_question_or_a_problem_report_is_not_a_request(String text) {
        assertNull(detect(text).intent(), () -> text + " -> " + detect(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "can you cancel my subscription? | CANCEL",
        "could you refund the second charge? | REFUND",
        "why did you charge me twice? this is unacceptable | COMPLAINT",
        "your update deleted my data, who is going to fix this? | COMPLAINT",
        "can I speak to someone from billing? | HUMAN",
        "サポートに三回連絡しても放置されています。誠意がなさすぎます | COMPLAINT",
        "今月で利用をやめるので、契約を終了してください | CANCEL",
    })
    void requests_put_as_questions_or_with_blame_are_still_requests(String text, Intent expected) {
        assertEquals(expected, detect(text).intent(), () -> text + " -> " + detect(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "we're a team of four, can we add one seat? | true",
        "the card expired. will my account be closed | true",
        "is everything deleted when the trial ends?? | true",
        "can you cancel my plan? | false",
        "please tell me, is the renewal automatic? | false",
        "your outage lost us a day, who pays for that? | false",
        "how is this acceptable? it's been broken for days, not acceptable | false",
        "cancel my plan | false",
    })
    void a_question_that_requests_nothing_in_words(String text, boolean asks) {
        assertEquals(asks, IntentRules.asksWithoutRequesting(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I was charged twice for order 4417, please refund one of them",
        "please cancel my subscription before it renews",
        "返金してください、請求が二重になっています",
    })
    void the_evidence_quotes_the_customers_own_words_and_the_score(String text) {
        IntentDetector.Result result = detect(text);

        String evidence = result.evidence().get(0);
        var quoted = java.util.regex.Pattern.compile("\"([^\"]+)\"").matcher(evidence);
        assertTrue(quoted.find(), evidence);
        do {
            String phrase = quoted.group(1);
            assertTrue(text.toLowerCase(java.util.Locale.ROOT).contains(phrase.toLowerCase(java.util.Locale.ROOT)),
                    () -> "\"" + phrase + "\" is not in the message: " + evidence);
        } while (quoted.find());
        assertTrue(evidence.contains(String.format("%.2f", result.score())), evidence);
    }
}
