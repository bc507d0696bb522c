package dev.baton.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped phrases of annoyed customers: English ones as whole words, Japanese ones anywhere. */
class FrustrationLexiconTest {
    private static final FrustrationLexicon lexicon = FrustrationLexicon.load();

    private static List<String> found(String text) {
        return lexicon.find(text).stream().map(f -> f.kind() + ":" + f.phrase()).sorted().toList();
    }

    @Test
    void english_phrases_match_as_whole_words_whatever_their_case() {
        assertEquals(List.of("annoyance:useless", "profanity:stupid"), found("This is USELESS and Stupid."));
        assertEquals(List.of(), found("a scrap of uselessness from stupidity"));
    }

    @Test
    void a_phrase_may_end_in_punctuation_and_sit_next_to_another() {
        assertEquals(List.of("annoyance:seriously?", "not_helpful:that didn't help"),
                found("that didn't help,seriously?"));
        assertEquals(List.of("annoyance:useless", "profanity:stupid"), found("useless stupid"));
    }

    @Test
    void the_first_phrase_of_the_list_that_fits_is_the_one_found_and_each_place_counts_once() {
        assertEquals(List.of("profanity:damn"), found("damn it"));
        assertEquals(List.of("profanity:damn", "profanity:damn"), found("damn, damn"));
    }

    @Test
    void japanese_phrases_match_anywhere() {
        assertEquals(List.of("not_helpful:役に立たない", "profanity:くそ"), found("これは役に立たないくそったれだ"));
    }
}
