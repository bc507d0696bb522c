package dev.baton.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.kb.OnnxEmbedder;
import dev.baton.kb.TextAnalysis;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The support check on sentences written for it (a made-up coffee subscription), through the real embedding model. */
class SupportCheckTest {
    private static final OnnxEmbedder embedder = new OnnxEmbedder(1);
    private static final TextAnalysis analysis = new TextAnalysis();
    private static final SupportCheck check = new SupportCheck(embedder, analysis);
    private static final List<String> PASSAGES = List.of(
            "You can pause your coffee subscription for up to three months. Open Deliveries and choose Pause. "
                    + "Your next bag ships on the day the pause ends.",
            "Shipping is free on orders over $40. Orders under $40 pay a flat $5 fee.");
    private static final List<String> CANCELLING = List.of(
            "There is no cancellation fee. You can cancel your subscription yourself at any time.");

    @AfterAll
    static void close() {
        embedder.close();
        analysis.close();
    }

    @Test
    void a_rewording_of_the_passages_is_supported() {
        assertEquals(List.of(), check.unsupported("You may pause the subscription for as long as three months. "
                + "To do it, open Deliveries and pick Pause. Orders over $40 ship for free.", PASSAGES).stream()
                .toList());
    }

    @Test
    void a_sentence_the_passages_do_not_make_is_not_supported() {
        var verdict = check.unsupported("You can pause your coffee subscription for up to three months. "
                + "We also refund any bag that arrives late.", PASSAGES);
        assertTrue(verdict.isPresent() && verdict.get().contains("refund"), verdict.toString());
    }

    @Test
    void a_number_the_passages_do_not_hold_is_not_supported_however_close_the_sentence() {
        var verdict = check.unsupported("Shipping is free on orders over $30.", PASSAGES);
        assertTrue(verdict.isPresent() && verdict.get().contains("30"), verdict.toString());
        var order = check.unsupported("Your order 48213 ships on the day the pause ends.", PASSAGES);
        assertTrue(order.isPresent() && order.get().contains("48213"), order.toString());
    }

    @Test
    void a_sentence_that_says_the_opposite_of_a_passage_is_not_supported() {
        for (String opposite : List.of("There is a cancellation fee.", "You cannot cancel your subscription yourself.",
                "You can't pause your coffee subscription.")) {
            var verdict = check.unsupported(opposite, CANCELLING);
            assertTrue(verdict.isPresent() && verdict.get().contains("same way round"), opposite + " " + verdict);
        }
        assertEquals(Optional.empty(), check.unsupported("There is no fee for cancelling.",
                CANCELLING));
    }

    @Test
    void a_number_in_words_a_unit_or_a_clause_the_passages_do_not_have_is_not_supported() {
        assertEquals(Optional.empty(), check.unsupported("You can pause your subscription for up to 3 months.",
                PASSAGES));
        var words = check.unsupported("You can pause your coffee subscription for up to thirty months.", PASSAGES);
        assertTrue(words.isPresent() && words.get().contains("30"), words.toString());
        var unit = check.unsupported("You can pause your coffee subscription for up to three years.", PASSAGES);
        assertTrue(unit.isPresent() && unit.get().contains("years"), unit.toString());
        var clause = check.unsupported("You can pause your coffee subscription for up to three months, and we will "
                + "refund your last bag.", PASSAGES);
        assertTrue(clause.isPresent() && clause.get().contains("adds words"), clause.toString());
    }

    @Test
    void a_link_or_an_address_the_passages_do_not_have_is_not_supported() {
        var link = check.unsupported("Open Deliveries at https://evil.example/pause and choose Pause.", PASSAGES);
        assertTrue(link.isPresent() && link.get().contains("https://evil.example/pause"), link.toString());
        var address = check.unsupported("Write to refunds@evil.example to cancel your subscription.", CANCELLING);
        assertTrue(address.isPresent() && address.get().contains("refunds@evil.example"), address.toString());
    }

    @Test
    void similarities_fall_on_either_side_of_the_threshold() {
        // Rewordings, then statements about the same product that the passages do not make.
        List<String> rewordings = List.of("A subscription can be paused for at most three months.",
                "Pick Pause under Deliveries.", "There is a $5 fee on orders below $40.");
        // Not here, as the check's known limit (docs/llm.md): a sentence that keeps a passage's words and changes
        // one noun ("Orders over $40 get a free mug.") measured 0.83 and passes.
        List<String> others = List.of("You can cancel your coffee subscription at any time.",
                "Every bag is roasted the day before it ships.", "Your bag arrives within two days.");
        List<float[]> known = embedder.embedAll(SupportCheck.sentences(String.join("\n", PASSAGES)));
        for (String sentence : rewordings) {
            double similarity = SupportCheck.closest(embedder.embed(sentence), known);
            assertTrue(similarity >= SupportCheck.MIN_SIMILARITY, sentence + " " + similarity);
        }
        for (String sentence : others) {
            double similarity = SupportCheck.closest(embedder.embed(sentence), known);
            assertTrue(similarity < SupportCheck.MIN_SIMILARITY, sentence + " " + similarity);
        }
    }
}
