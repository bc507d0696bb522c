package dev.baton.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.HostileText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facts a handoff pulls out of the customer's words: found as before, and never slowly. */
class DetailExtractorTest {

    @Test
    void order_and_invoice_numbers_are_found_after_their_keyword_or_a_hash() {
        var details = DetailExtractor.extract(List.of("Order no. A-12345 never arrived",
                "my purchase number: 99812-B and ORDER #77120", "receipt 2024-001, see also #48213 and #1234",
                "注文番号：B7788 です"));

        assertEquals(List.of("A-12345", "99812-B", "77120", "48213", "1234"), details.orderNumbers());
        assertEquals(List.of("2024-001"), details.invoiceNumbers());
    }

    @Test
    void a_keyword_inside_another_word_or_a_hash_inside_a_word_is_not_a_number() {
        var details = DetailExtractor.extract(List.of("reorder 12345, preorders 99999 and abc#1234 or x1#5555"));

        assertEquals(List.of(), details.orderNumbers());
        assertEquals(List.of(), details.invoiceNumbers());
    }

    @Test
    void an_invoice_number_is_not_also_counted_as_an_order() {
        var details = DetailExtractor.extract(List.of("Invoice #55123 charged me twice"));

        assertEquals(List.of("55123"), details.invoiceNumbers());
        assertEquals(List.of(), details.orderNumbers());
    }

    @Test
    void amounts_dates_plans_and_emails_are_found_verbatim() {
        var details = DetailExtractor.extract(List.of(
                "I paid $1,299.00 and then 20 euros on 2024-03-05, again on 3/14/2024 and March 3rd, 2024",
                "On the 14th of March, yesterday and 昨日 I was on the annual subscription, now the Pro plan (年間プラン)",
                "Write to kim@example.com or a.b+c@mail.example.co.jp, and ¥3000 or 12,000円"));

        assertEquals(List.of("$1,299.00", "20 euros", "¥3000", "12,000円"), details.amounts());
        assertEquals(List.of("2024-03-05", "3/14/2024", "March 3rd, 2024", "14th of March", "yesterday", "昨日"),
                details.dates());
        assertEquals(List.of("annual subscription", "Pro plan", "年間プラン"), details.plans());
        assertEquals(List.of("kim@example.com", "a.b+c@mail.example.co.jp"), details.emails());
    }

    @Test
    void hostile_texts_of_the_largest_size_are_read_quickly() {
        for (String text : HostileText.all()) {
            HostileText.assertQuick("details of " + HostileText.describe(text),
                    () -> DetailExtractor.extract(List.of(text)));
        }
    }

    @Test
    void a_long_transcript_is_read_from_its_latest_messages_and_quickly() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            texts.add(HostileText.between("order #" + (10_000 + i) + " refund order", ' ', "x"));
        }

        // As quick as reading the two longest messages it reads at most.
        HostileText.assertQuick("details of 500 hostile messages",
                HostileText.BOUND.multipliedBy(DetailExtractor.MAX_CHARS / HostileText.MAX),
                () -> DetailExtractor.extract(texts));
        var orders = DetailExtractor.extract(texts).orderNumbers();
        assertTrue(orders.contains("10499"), () -> "the latest message's order is found: " + orders);
        assertFalse(orders.contains("10000"), () -> "what is far back is not read again: " + orders);
    }
}
