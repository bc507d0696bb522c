package dev.baton.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AnswerSoFarTest {

    @Test
    void nothing_is_read_before_the_answer_starts() {
        assertEquals("", AnswerSoFar.of(""));
        assertEquals("", AnswerSoFar.of("{\"answ"));
        assertEquals("", AnswerSoFar.of("{\"answer\": "));
    }

    @Test
    void the_answer_is_read_as_far_as_it_goes_and_no_further_than_its_closing_quote() {
        assertEquals("You can pa", AnswerSoFar.of("{\"answer\": \"You can pa"));
        assertEquals("You can pause it.", AnswerSoFar.of("{\"answer\":\"You can pause it.\", \"articleIds\": [\"a"));
    }

    @Test
    void escapes_are_decoded_and_one_cut_off_waits_for_the_next_piece() {
        assertEquals("Say \"Pause\"\nthen ", AnswerSoFar.of("{\"answer\": \"Say \\\"Pause\\\"\\nthen \\"));
        assertEquals("Caf", AnswerSoFar.of("{\"answer\": \"Caf\\u00"));
        assertEquals("Café", AnswerSoFar.of("{\"answer\": \"Caf\\u00e9"));
    }

    @Test
    void an_article_id_named_answer_is_not_the_answer() {
        assertEquals("", AnswerSoFar.of("{\"articleIds\": [\"answer\", \"x\"], "));
        assertEquals("Yes.", AnswerSoFar.of("{\"articleIds\": [\"answer\"], \"answer\": \"Yes."));
    }
}
