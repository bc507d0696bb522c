package dev.baton.handoff;

import dev.baton.conversation.Customer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.conversation.Author;
import dev.baton.conversation.Citation;
import dev.baton.conversation.History;
import dev.baton.detect.Analysis;
import dev.baton.detect.Intent;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageAnalyzed;
import dev.baton.event.MessageCreated;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffContextBuilderTest {
    private final HandoffContextBuilder builder = new HandoffContextBuilder();

    @Test
    void the_context_holds_the_transcript_the_articles_tried_the_details_and_a_three_line_summary() {
        String question = "My points for order #48213 are missing since March 3, I'm on the Growth plan";
        String complaint = "That didn't help. Refund the $49 and email me at kim@example.com";
        List<LoggedEvent> log = List.of(
                new LoggedEvent("1-0", "n", new MessageCreated("c", Author.customer(), question, List.of(), null,
                        "m1")),
                new LoggedEvent("2-0", "n", new MessageAnalyzed("c", "1-0",
                        new Analysis(null, 0, 0.1, List.of(), false))),
                new LoggedEvent("3-0", "n", new MessageCreated("c", Author.bot("Baton"), "Points appear in a minute.",
                        List.of(new Citation("points", "Earning points", "https://x/kb/points")), 0.81, null)),
                new LoggedEvent("4-0", "n", new MessageCreated("c", Author.customer(), complaint, List.of(), null,
                        "m2")),
                new LoggedEvent("5-0", "n", new MessageAnalyzed("c", "4-0",
                        new Analysis(Intent.REFUND, 0.9, 0.55, List.of("asks for money back (\"refund\")"), true))));
        Decision decision = new Decision(Reason.REFUND, Priority.HIGH, "intent:refund",
                List.of("asks for money back (\"refund\")"));

        HandoffContext context = builder.build(Customer.visitor("v1", "en"), History.of(log), decision, 42L);

        assertEquals(3, context.transcript().size());
        assertEquals(Reason.REFUND, context.reason());
        assertEquals(Priority.HIGH, context.priority());
        assertEquals(List.of("refund"), context.intents());
        assertEquals(List.of(0.1, 0.55), context.frustration().stream().map(p -> p.score()).toList());
        assertEquals(List.of(new HandoffContext.ArticleTried("points", "Earning points", "https://x/kb/points", 0.81,
                false)), context.articlesTried());
        assertEquals(List.of("48213"), context.details().orderNumbers());
        assertEquals(List.of("$49"), context.details().amounts());
        assertEquals(List.of("March 3"), context.details().dates());
        assertEquals(List.of("Growth plan"), context.details().plans());
        assertEquals(List.of("kim@example.com"), context.details().emails());
        assertEquals(List.of(
                "Goal (refund): \"" + complaint + "\"",
                "Tried: the bot answered with \"Earning points\" (did not help).",
                "Now: asks for a refund."), context.summary());
        assertEquals(42L, context.handedOffAt());
    }

    @Test
    void the_goal_quotes_the_message_that_carried_the_reason_not_the_first_question() {
        List<LoggedEvent> log = new java.util.ArrayList<>();
        customerSaid(log, "How do customers earn points?", new Analysis(null, 0, 0.05, List.of(), false));
        customerSaid(log, "points not showing up??", new Analysis(null, 0, 0.4, List.of(), false));
        customerSaid(log, "I want a refund, I was charged twice",
                new Analysis(Intent.REFUND, 0.9, 0.3, List.of(), true));
        customerSaid(log, "please hurry", new Analysis(null, 0, 0.2, List.of(), false));
        var history = History.of(log);

        var refund = builder.build(Customer.visitor("v1", "en"), history,
                new Decision(Reason.REFUND, Priority.HIGH, "intent:refund", List.of()), 1L);
        var frustrated = builder.build(Customer.visitor("v1", "en"), history,
                new Decision(Reason.FRUSTRATION, Priority.HIGH, "frustration", List.of()), 1L);
        var unsure = builder.build(Customer.visitor("v1", "en"), history,
                new Decision(Reason.LOW_CONFIDENCE, Priority.NORMAL, "low_confidence", List.of()), 1L);

        assertEquals("Goal (refund): \"I want a refund, I was charged twice\"", refund.summary().get(0));
        assertEquals("Now: asks for a refund. Last message: \"please hurry\"", refund.summary().get(2));
        assertEquals("Goal (refund): \"points not showing up??\"", frustrated.summary().get(0),
                "the most frustrated message");
        assertEquals("Goal (refund): \"How do customers earn points?\"", unsure.summary().get(0),
                "the question the bot could not answer");
    }

    /** A customer message and, logged right after it, its analysis. */
    private static void customerSaid(List<LoggedEvent> log, String text, Analysis analysis) {
        String seq = (log.size() + 1) + "-0";
        log.add(new LoggedEvent(seq, "n", new MessageCreated("c", Author.customer(), text, List.of(), null, seq)));
        log.add(new LoggedEvent((log.size() + 1) + "-0", "n", new MessageAnalyzed("c", seq, analysis)));
    }

    @Test
    void details_are_only_what_the_customer_wrote() {
        var details = DetailExtractor.extract(List.of("Invoice INV-2291 shows 12,000円 for the Pro plan",
                "注文番号 A12345 の件です。3月14日に請求されました", "nothing else here"));

        assertEquals(List.of("INV-2291"), details.invoiceNumbers());
        assertEquals(List.of("A12345"), details.orderNumbers());
        assertEquals(List.of("12,000円"), details.amounts());
        assertEquals(List.of("3月14日"), details.dates());
        assertEquals(List.of("Pro plan"), details.plans());
        assertEquals(List.of(), details.emails());
    }
}
