package dev.baton.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
