package dev.baton.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What counts as a fact a model's text may not invent. */
class FactsTest {
    private static final String SOURCES = "Customer: My order #48213 for $1,200.50 from kim@example.com did not "
            + "arrive. Dana from the warehouse said March 3. Billing will check it within three days.";

    @Test
    void numbers_must_be_written_in_the_sources_digit_for_digit() {
        assertEquals(Optional.empty(), Facts.unknownNumber("Order 48213, $1200.50, March 3.", SOURCES));
        assertEquals(Optional.of("48231"), Facts.unknownNumber("Order 48231.", SOURCES));
        assertEquals(Optional.of("1,200.05"), Facts.unknownNumber("You paid $1,200.05.", SOURCES));
    }

    @Test
    void an_email_address_must_be_in_the_sources() {
        assertEquals(Optional.empty(), Facts.unknownEmail("Write to KIM@example.com.", SOURCES));
        assertEquals(Optional.of("kim@example.org"), Facts.unknownEmail("Write to kim@example.org.", SOURCES));
    }

    @Test
    void a_name_inside_a_sentence_or_reading_as_one_at_its_start_must_be_in_the_sources() {
        Set<String> none = Set.of();
        assertEquals(Optional.empty(), Facts.unknownName("I'm sorry. Dana said it ships soon.", SOURCES, none));
        assertEquals(Optional.empty(), Facts.unknownName("Sorry about that. Thanks for waiting.", SOURCES, none));
        assertEquals(Optional.of("Jessica"), Facts.unknownName("I asked Jessica to look.", SOURCES, none));
        assertEquals(Optional.of("Jessica"), Facts.unknownName("Goal: Jessica's order is late.", SOURCES, none));
        assertEquals(Optional.of("Maria"), Facts.unknownName("Maria Lopez wants it.", SOURCES, none));
        assertEquals(Optional.empty(), Facts.unknownName("I asked Jessica.", SOURCES, Set.of("Jessica")));
    }

    @Test
    void invented_names_the_first_kind_found() {
        assertEquals(Optional.of("the number 99"), Facts.invented("Ask Jessica about 99.", SOURCES, Set.of()));
        assertEquals(Optional.empty(), Facts.invented("Dana will check order 48213.", SOURCES, Set.of()));
    }

    @Test
    void a_name_must_be_a_whole_word_of_the_sources() {
        assertEquals(Optional.of("Bill"), Facts.unknownName("Hi, Bill will refund you today.", SOURCES, Set.of()));
    }

    @Test
    void full_width_digits_and_number_words_are_numbers() {
        assertEquals(Optional.of("12345"), Facts.unknownNumber("ご注文番号１２３４５を返金しました", SOURCES));
        assertEquals(Optional.empty(), Facts.unknownNumber("ご注文番号４８２１３を確認します", SOURCES));
        assertEquals(Optional.empty(), Facts.unknownNumber("We will check it within 3 days.", SOURCES));
        assertEquals(Optional.of("30"), Facts.unknownNumber("We will check it within thirty days.", SOURCES));
    }

    @Test
    void a_link_must_be_in_the_sources() {
        assertEquals(Optional.of("https://evil.example/refund"),
                Facts.invented("Claim it at https://evil.example/refund.", SOURCES, Set.of()).map(
                        what -> what.replace("the link ", "")));
    }
}
