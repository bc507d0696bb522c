package dev.baton.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reply coach's rules, each on a reply that lacks what it asks for and on one that has it, in English, in
 * Japanese and mixed.
 */
class ReplyCoachTest {
    private static final ReplyCoach.Situation FIRST_TO_MARIA = new ReplyCoach.Situation("Maria Lopez", "Dana Reyes",
            true);
    private static final ReplyCoach.Situation LATER_TO_MARIA = new ReplyCoach.Situation("Maria Lopez", "Dana Reyes",
            false);
    private static final ReplyCoach.Situation FIRST_TO_TANAKA = new ReplyCoach.Situation("田中 花子", "佐藤 健",
            true);

    private static List<String> codes(String text, ReplyCoach.Situation situation) {
        return ReplyCoach.hints(text, situation).stream().map(ReplyHint::code).toList();
    }

    private static String message(String text, ReplyCoach.Situation situation, String code) {
        return ReplyCoach.hints(text, situation).stream().filter(h -> h.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " hint for: " + text)).message();
    }

    @Test
    void a_curt_faceless_refusal_gets_every_hint_it_deserves() {
        assertEquals(List.of(ReplyHint.GREETING, ReplyHint.CUSTOMER_NAME, ReplyHint.DISOWNING, ReplyHint.NEXT_STEP,
                ReplyHint.SIGN_OFF), codes("cant do that, system wont let me", FIRST_TO_MARIA));
    }

    @Test
    void a_named_warm_reply_that_owns_the_problem_gets_none() {
        assertEquals(List.of(), codes("Hi Maria, I'm Dana from the Perkful team. I've issued the refund: it "
                + "reaches your card within 5 business days. Is there anything we could have done better?",
                FIRST_TO_MARIA));
    }

    @Test
    void the_japanese_faceless_refusal_and_the_japanese_good_reply() {
        assertEquals(List.of(ReplyHint.GREETING, ReplyHint.CUSTOMER_NAME, ReplyHint.DISOWNING, ReplyHint.NEXT_STEP,
                ReplyHint.SIGN_OFF), codes("システム上、請求書の削除はできかねます。", FIRST_TO_TANAKA));
        assertEquals(List.of(), codes("田中様、お問い合わせありがとうございます。担当の佐藤です。キャンセル済みの会議の"
                + "請求書は本日中に削除いたします。", FIRST_TO_TANAKA));
    }

    @Test
    void the_empty_reply_gets_nothing() {
        assertEquals(List.of(), codes("  ", FIRST_TO_MARIA));
    }

    @Nested
    class Greeting {
        @ParameterizedTest
        @ValueSource(strings = {"Hi Maria, I'll check now.", "Hello! I'll check now.", "Good morning Maria — I'll "
                + "check now.", "Maria, thanks for waiting. I'll check now.", "こんにちは、すぐに確認いたします。",
                "お待たせいたしました。確認いたします。"})
        void a_greeting_near_the_start_counts(String reply) {
            assertFalse(codes(reply, FIRST_TO_MARIA).contains(ReplyHint.GREETING), reply);
        }

        @Test
        void no_greeting_is_hinted_on_the_first_reply_only() {
            assertTrue(codes("I'll check now, Maria.", FIRST_TO_MARIA).contains(ReplyHint.GREETING));
            assertFalse(codes("I'll check now, Maria.", LATER_TO_MARIA).contains(ReplyHint.GREETING));
        }

        @Test
        void the_example_is_in_the_replys_language_with_the_customers_first_name() {
            assertTrue(message("I'll check now.", FIRST_TO_MARIA, ReplyHint.GREETING).contains("\"Hi Maria,\""));
            assertTrue(message("確認いたします。", FIRST_TO_TANAKA, ReplyHint.GREETING).contains("お問い合わせ"));
        }

        @Test
        void a_thank_you_buried_later_in_a_long_reply_is_no_greeting() {
            assertTrue(codes("I'll check the invoice against the order and the card statement today, and I will "
                    + "write back before noon. Thanks!", FIRST_TO_MARIA).contains(ReplyHint.GREETING));
        }
    }

    @Nested
    class CustomerName {
        @Test
        void the_first_or_last_name_counts_the_whole_word_only() {
            assertFalse(codes("Hi Maria, I'll check.", FIRST_TO_MARIA).contains(ReplyHint.CUSTOMER_NAME));
            assertFalse(codes("Hello Ms Lopez, I'll check.", FIRST_TO_MARIA).contains(ReplyHint.CUSTOMER_NAME));
            var ana = new ReplyCoach.Situation("Ana", "Dana Reyes", true);
            assertTrue(codes("Hi, bananas are fine. I'll check.", ana).contains(ReplyHint.CUSTOMER_NAME));
            assertFalse(codes("Hi Ana, I'll check.", ana).contains(ReplyHint.CUSTOMER_NAME));
        }

        @Test
        void a_japanese_family_name_with_sama_counts_and_a_latin_name_in_a_japanese_reply_too() {
            assertFalse(codes("田中様、確認いたします。", FIRST_TO_TANAKA).contains(ReplyHint.CUSTOMER_NAME));
            var unspaced = new ReplyCoach.Situation("田中花子", "佐藤", true);
            assertFalse(codes("田中様、確認いたします。", unspaced).contains(ReplyHint.CUSTOMER_NAME));
            assertFalse(codes("Maria様、確認いたします。", FIRST_TO_MARIA).contains(ReplyHint.CUSTOMER_NAME));
            assertTrue(message("確認いたします。", FIRST_TO_TANAKA, ReplyHint.CUSTOMER_NAME).contains("田中 花子様"));
        }

        @Test
        void an_unknown_name_is_never_asked_for_nor_on_later_replies() {
            var visitor = new ReplyCoach.Situation(null, "Dana Reyes", true);
            assertFalse(codes("Hi there, I'm Dana. I'll check.", visitor).contains(ReplyHint.CUSTOMER_NAME));
            assertFalse(codes("I'll check.", LATER_TO_MARIA).contains(ReplyHint.CUSTOMER_NAME));
        }
    }

    @Nested
    class Disowning {
        @ParameterizedTest
        @ValueSource(strings = {"I can't remove it.", "I cannot do that.", "I can’t do that.", "We can't refund "
                + "this.", "I'm unable to change the plan.", "I am not allowed to refund it.", "The system won't let"
                + " me.", "Our system doesn't allow refunds.", "Policy doesn't allow that.", "That's against our "
                + "policy.", "There's nothing I can do.", "It's out of my hands.", "Sorry. Can't do that.",
                "システム上、削除はできかねます。", "返金はいたしかねます。", "規約上、対応できません。",
                "仕様上そうなっております。", "Hi Maria, 申し訳ございませんがシステム上できません。"})
        void a_phrase_that_hands_the_problem_away_is_hinted(String reply) {
            assertTrue(codes(reply, LATER_TO_MARIA).contains(ReplyHint.DISOWNING), reply);
        }

        @ParameterizedTest
        @ValueSource(strings = {"I can't wait to hear how the launch goes!", "I can't thank you enough for your "
                + "patience.", "I can remove it now.", "The system shows the refund as sent.", "I'll delete the "
                + "invoice today.", "「できかねます」とお伝えしてしまい、申し訳ございません。本日中に削除いたします。",
                "Sorry that an earlier reply said \"the system won't let me\": I've removed it.",
                "本日中に削除いたします。", "I can see the invoice and I'll remove it."})
        void owning_the_problem_or_quoting_a_refusal_is_not(String reply) {
            assertFalse(codes(reply, LATER_TO_MARIA).contains(ReplyHint.DISOWNING), reply);
        }

        @Test
        void the_hint_quotes_the_phrase() {
            assertTrue(message("Sorry, the system won't let me remove it.", LATER_TO_MARIA, ReplyHint.DISOWNING)
                    .startsWith("\u201cthe system won't let\u201d"));
            assertTrue(message("申し訳ございません、できかねます。", LATER_TO_MARIA, ReplyHint.DISOWNING)
                    .startsWith("\u201cできかねます\u201d"));
            assertTrue(message("Sorry. Can't do that.", LATER_TO_MARIA, ReplyHint.DISOWNING)
                    .startsWith("\u201ccan't\u201d hands"));
            assertTrue(message("cant do that, system wont let me. 規約上できかねます", LATER_TO_MARIA,
                    ReplyHint.DISOWNING).startsWith("\u201ccant\u201d and \u201csystem wont let\u201d and "
                    + "\u201c規約上\u201d hand"));
        }
    }

    @Nested
    class NextStep {
        @ParameterizedTest
        @ValueSource(strings = {"I'll look into it.", "I've refunded it.", "It reaches your card within 5 days.",
                "Expect it by Friday.", "Back to you in 10 minutes.", "Please click Billing, then Invoices.",
                "Let me check with the team.", "本日中にご連絡いたします。", "設定画面からお試しください。",
                "3営業日で届きます。", "Thanks Maria, 確認いたします。"})
        void an_action_a_time_or_an_instruction_counts(String reply) {
            assertFalse(codes(reply, LATER_TO_MARIA).contains(ReplyHint.NEXT_STEP), reply);
        }

        @ParameterizedTest
        @ValueSource(strings = {"No.", "That is how it works.", "cant do that, system wont let me",
                "ご了承ください。", "申し訳ございません。"})
        void a_reply_that_goes_nowhere_is_hinted(String reply) {
            assertTrue(codes(reply, LATER_TO_MARIA).contains(ReplyHint.NEXT_STEP), reply);
        }
    }

    @Nested
    class SignOff {
        @Test
        void the_agents_name_anywhere_in_the_first_reply_counts() {
            assertFalse(codes("Hi Maria, I'll check. — Dana", FIRST_TO_MARIA).contains(ReplyHint.SIGN_OFF));
            assertFalse(codes("Hi Maria, I'm Dana Reyes and I'll check.", FIRST_TO_MARIA)
                    .contains(ReplyHint.SIGN_OFF));
            assertTrue(codes("Hi Maria, I'll check.", FIRST_TO_MARIA).contains(ReplyHint.SIGN_OFF));
            assertFalse(codes("I'll check.", LATER_TO_MARIA).contains(ReplyHint.SIGN_OFF));
        }

        @Test
        void in_japanese_the_example_says_who_is_in_charge() {
            assertFalse(codes("田中様、担当の佐藤です。確認いたします。", FIRST_TO_TANAKA).contains(ReplyHint.SIGN_OFF));
            assertTrue(message("田中様、確認いたします。", FIRST_TO_TANAKA, ReplyHint.SIGN_OFF).contains("担当の佐藤 健です"));
        }
    }

    @Nested
    class Punctuation {
        @Test
        void a_long_reply_without_a_sentence_end_is_hinted_a_short_one_is_not() {
            assertTrue(codes("i will check the invoice and the order and the card statement and then write back "
                    + "to you with what i find", LATER_TO_MARIA).contains(ReplyHint.PUNCTUATION));
            assertFalse(codes("i will check", LATER_TO_MARIA).contains(ReplyHint.PUNCTUATION));
            assertFalse(codes("I will check the invoice and the order and the card, and then write back to you "
                    + "with what I find.", LATER_TO_MARIA).contains(ReplyHint.PUNCTUATION));
        }

        @Test
        void a_long_japanese_reply_needs_a_maru() {
            assertTrue(codes("請求書と注文とカードの明細を確認してから本日中にご連絡いたしますのでもう少々お待ちいただけますと幸いです",
                    LATER_TO_MARIA).contains(ReplyHint.PUNCTUATION));
            assertFalse(codes("請求書と注文とカードの明細を確認してから、本日中にご連絡いたします。もう少々お待ちください。",
                    LATER_TO_MARIA).contains(ReplyHint.PUNCTUATION));
        }

        @ParameterizedTest
        @ValueSource(strings = {"I'll fix it!!!", "Why would you do that???", "本当ですか？？", "I'll check WHAT YOU "
                + "SENT right away.", "I WILL CHECK THIS RIGHT AWAY FOR YOU."})
        void runs_of_marks_and_capitals_are_hinted(String reply) {
            assertTrue(codes(reply, LATER_TO_MARIA).contains(ReplyHint.PUNCTUATION), reply);
        }

        @ParameterizedTest
        @ValueSource(strings = {"I'll send the PDF by email today.", "Really?! I'll check.", "I'll check the ID "
                + "and the VAT number."})
        void an_acronym_or_one_surprised_mark_is_fine(String reply) {
            assertFalse(codes(reply, LATER_TO_MARIA).contains(ReplyHint.PUNCTUATION), reply);
        }

        @Test
        void the_hint_says_what_is_wrong() {
            assertTrue(message("I'll fix it!!!", LATER_TO_MARIA, ReplyHint.PUNCTUATION).contains("\u201c!!!\u201d"));
        }
    }

    @Test
    void the_patterns_take_linear_time_on_a_long_hostile_reply() {
        String hostile = "i can't ".repeat(250) + "!?".repeat(500) + " A".repeat(500) + "「".repeat(500);
        long start = System.nanoTime();
        List<String> found = codes(hostile, FIRST_TO_MARIA);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(found.contains(ReplyHint.DISOWNING));
        assertTrue(millis < 1_000, "took " + millis + " ms");
    }
}
