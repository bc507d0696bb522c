package dev.baton.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.conversation.CustomerText;
import org.junit.jupiter.api.Test;

/** What is left of an email reply once the quoted history and the signature are gone, as mail clients write them. */
class ReplyTextTest {

    @Test
    void gmail_quote_with_the_header_on_one_line_is_cut() {
        assertEquals("Yes please, go ahead.", ReplyText.of("Yes please, go ahead.\r\n\r\nOn Tue, Dec 2, 2026 at "
                + "10:00 AM Ana Ortiz via Billing <support+abc@perkful.example> wrote:\r\n> Shall I refund it?\r\n"));
    }

    @Test
    void a_header_that_wraps_before_wrote_is_cut_too() {
        assertEquals("Thanks!", ReplyText.of("Thanks!\n\nOn Tue, Dec 2, 2026 at 10:00 AM Ana Ortiz via Billing\n"
                + "wrote:\n> Shall I refund it?"));
    }

    @Test
    void outlook_separator_and_header_block_are_cut() {
        assertEquals("Works for me.", ReplyText.of("Works for me.\n\n________________________________\nFrom: Ana "
                + "Ortiz via Billing <support+abc@perkful.example>\nSent: Tuesday\nSubject: Your refund\n\nHi"));
        assertEquals("Fine.", ReplyText.of("Fine.\n-----Original Message-----\nFrom: Ana"));
    }

    @Test
    void signatures_are_cut_but_the_customers_own_lines_stay() {
        assertEquals("Line one\nline two\n\nMaria", ReplyText.of("Line one\nline two\n\nMaria\n-- \nMaria Lopez\n"
                + "Lopez Designs"));
        assertEquals("On my way", ReplyText.of("On my way\n\nSent from my iPhone"));
    }

    @Test
    void japanese_clients_quote_headers_are_cut() {
        assertEquals("ありがとうございます。", ReplyText.of("ありがとうございます。\n\n2026年12月2日(火) 10:00 Ana Ortiz "
                + "<support+abc@perkful.example>:\n> 返金しました"));
        assertEquals("了解です。", ReplyText.of("了解です。\n\niPhoneから送信"));
    }

    @Test
    void a_reply_with_nothing_new_is_empty_and_a_long_one_is_cut_to_what_the_console_takes() {
        assertEquals("", ReplyText.of("> only quoted\n> lines"));
        assertEquals("", ReplyText.of(null));
        String cut = ReplyText.of("x".repeat(10_000));
        assertEquals(CustomerText.MAX_CHARS, cut.length());
    }

    @Test
    void a_long_reply_is_never_cut_inside_a_character() {
        String emoji = "\uD83D\uDE00"; // one character, two chars
        String cut = ReplyText.of("x".repeat(CustomerText.MAX_CHARS - 2) + emoji.repeat(10));

        assertTrue(cut.length() <= CustomerText.MAX_CHARS);
        assertTrue(cut.codePoints().noneMatch(point -> point >= Character.MIN_SURROGATE
                && point <= Character.MAX_SURROGATE), "no half of a character: " + cut.substring(3990));
    }
}
