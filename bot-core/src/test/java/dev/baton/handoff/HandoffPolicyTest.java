package dev.baton.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.conversation.Author;
import dev.baton.conversation.Citation;
import dev.baton.conversation.History;
import dev.baton.conversation.Role;
import dev.baton.detect.Analysis;
import dev.baton.detect.Intent;
import dev.baton.event.FeedbackGiven;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.event.Reopened;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffPolicyTest {
    private final HandoffPolicy policy = HandoffPolicy.DEFAULT;
    private final List<LoggedEvent> log = new ArrayList<>();
    private int seq = 1;

    private static Analysis calm() {
        return new Analysis(null, 0, 0.1, List.of(), false);
    }

    private String add(Author author, String text, boolean cited) {
        String at = (seq++) + "-0";
        // Bot answers carry the retrieval's confidence; an unsure one cites nothing.
        Double confidence = author.role() == Role.BOT ? (cited ? 0.85 : 0.4) : null;
        log.add(new LoggedEvent(at, "n", new MessageCreated("c", author, text,
                cited ? List.of(new Citation("a", "A", "u")) : List.of(), confidence, null)));
        return at;
    }

    private History history() {
        return History.of(log);
    }

    @Test
    void each_request_is_handed_over_at_once_cancel_and_refund_first_in_the_queue() {
        for (Intent intent : Intent.values()) {
            Decision decision = policy.decide(new Analysis(intent, 0.9, 0, List.of("why"), false), false, history())
                    .orElseThrow();

            assertEquals(Reason.of(intent), decision.reason());
            assertEquals(intent == Intent.CANCEL || intent == Intent.REFUND ? Priority.HIGH : Priority.NORMAL,
                    decision.priority());
            assertEquals(List.of("why"), decision.evidence());
        }
    }

    @Test
    void intents_left_out_of_the_policy_are_answered_by_the_bot() {
        var onlyHumans = new HandoffPolicy(EnumSet.of(Intent.HUMAN), 0.8, 2, 2);

        assertTrue(onlyHumans.decide(new Analysis(Intent.REFUND, 0.9, 0, List.of(), false), false, history())
                .isEmpty());
    }

    @Test
    void frustration_at_the_threshold_is_handed_over_with_high_priority() {
        assertTrue(policy.decide(new Analysis(null, 0, 0.79, List.of(), false), false, history()).isEmpty());

        Decision decision = policy.decide(new Analysis(null, 0, 0.8, List.of("annoyance"), false), false, history())
                .orElseThrow();

        assertEquals(Reason.FRUSTRATION, decision.reason());
        assertEquals(Priority.HIGH, decision.priority());
    }

    @Test
    void the_second_unsure_answer_in_a_row_is_handed_over_not_the_first() {
        add(Author.customer(), "q1", false);
        assertTrue(policy.decide(calm(), true, history()).isEmpty(), "the first unsure answer is said");
        add(Author.bot("Baton"), "not sure", false);
        add(Author.customer(), "q2", false);

        assertEquals(Reason.LOW_CONFIDENCE, policy.decide(calm(), true, history()).orElseThrow().reason());
        assertTrue(policy.decide(calm(), false, history()).isEmpty(), "a confident answer breaks the run");
    }

    @Test
    void two_answers_in_a_row_that_did_not_help_are_handed_over() {
        add(Author.customer(), "q1", false);
        String first = add(Author.bot("Baton"), "a1", true);
        log.add(new LoggedEvent((seq++) + "-0", "n", new FeedbackGiven("c", first, false)));
        assertTrue(policy.decide(calm(), false, history()).isEmpty());
        add(Author.customer(), "q2", false);
        String second = add(Author.bot("Baton"), "a2", true);
        log.add(new LoggedEvent((seq++) + "-0", "n", new FeedbackGiven("c", second, false)));

        assertEquals(Reason.NOT_HELPFUL, policy.decide(calm(), false, history()).orElseThrow().reason());
    }

    @Test
    void an_apology_between_two_answers_is_neither_an_unsure_answer_nor_a_break() {
        add(Author.customer(), "q1", false);
        add(Author.bot("Baton"), "answer", true);
        log.add(new LoggedEvent((seq++) + "-0", "n", new MessageCreated("c", Author.bot("Baton"),
                "Sorry that didn't help.", List.of(), null, null)));
        add(Author.customer(), "q2", false);

        assertTrue(policy.decide(calm(), true, history()).isEmpty(), "one unsure answer after an apology is said");
    }

    @Test
    void a_reopened_conversation_does_not_count_what_came_before() {
        add(Author.customer(), "q1", false);
        add(Author.bot("Baton"), "not sure", false);
        log.add(new LoggedEvent((seq++) + "-0", "n", new Reopened("c", "customer")));
        add(Author.customer(), "q2", false);

        assertTrue(policy.decide(calm(), true, history()).isEmpty());
    }

    @Test
    void nonsense_settings_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new HandoffPolicy(EnumSet.allOf(Intent.class), 1.5, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new HandoffPolicy(EnumSet.allOf(Intent.class), 0.8, 0, 2));
    }

    @Test
    void a_question_asked_again_that_the_bot_cannot_answer_better_is_handed_over_at_the_first_unsure_answer() {
        add(Author.customer(), "q1", false);
        add(Author.bot("Baton"), "a1", true);
        add(Author.customer(), "q1 again", false);
        Analysis again = new Analysis(null, 0, 0.3, List.of("asks the same question again, after an answer (\"q1\")"),
                false, true);

        Decision decision = policy.decide(again, true, history()).orElseThrow();

        assertEquals(Reason.LOW_CONFIDENCE, decision.reason());
        assertEquals("asks again what the bot could not answer", decision.trigger());
        assertTrue(decision.evidence().contains("asks the same question again, after an answer (\"q1\")"),
                decision.evidence()::toString);
        assertTrue(policy.decide(calm(), true, history()).isEmpty(), "a first unsure answer to a new question is said");
    }

    @Test
    void the_same_article_again_is_no_answer_only_for_a_customer_who_asks_again() {
        add(Author.customer(), "q1", false);
        add(Author.bot("Baton"), "a1", true);
        add(Author.customer(), "q1 again", false);
        Analysis again = new Analysis(null, 0, 0.3, List.of(), false, true);

        assertTrue(HandoffPolicy.repeatsLastAnswer(again, "a", history()));
        assertTrue(!HandoffPolicy.repeatsLastAnswer(again, "b", history()), "another article is a new answer");
        assertTrue(!HandoffPolicy.repeatsLastAnswer(calm(), "a", history()), "a new question may get it again");
    }
}
