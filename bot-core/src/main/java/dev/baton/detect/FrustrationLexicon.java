package dev.baton.detect;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.CustomerText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words and phrases of an annoyed customer (profanity, annoyance, "that didn't help", sarcasm), in English and
 * Japanese, shipped with Baton; English phrases match as whole words, Japanese ones anywhere. A phrase list, not a
 * pattern: each place in the text is compared with the few phrases that start with its character, so reading a
 * message takes time in proportion to its length (a regular expression of several hundred alternatives was either
 * backtracking or, on a linear engine, too slow).
 */
final class FrustrationLexicon {
    private static final String RESOURCE = "/dev/baton/detect/frustration-lexicon.json";

    /** A phrase found in a message, and its kind. */
    record Found(String kind, String phrase) {}

    /** One kind's phrases by their first character, each list in the lexicon's order (the first that fits wins). */
    private final Map<String, Map<Character, List<String>>> byKind;

    private FrustrationLexicon(Map<String, Map<Character, List<String>>> byKind) {
        this.byKind = byKind;
    }

    static FrustrationLexicon load() {
        try (InputStream in = FrustrationLexicon.class.getResourceAsStream(RESOURCE)) {
            Map<String, List<String>> lists = new ObjectMapper().readValue(in,
                    new TypeReference<LinkedHashMap<String, List<String>>>() {});
            Map<String, Map<Character, List<String>>> byKind = new LinkedHashMap<>();
            lists.forEach((kind, phrases) -> {
                Map<Character, List<String>> byFirst = new HashMap<>();
                for (String phrase : phrases) {
                    String lower = phrase.toLowerCase(Locale.ROOT);
                    byFirst.computeIfAbsent(lower.charAt(0), c -> new ArrayList<>()).add(lower);
                }
                byKind.put(kind, byFirst);
            });
            return new FrustrationLexicon(byKind);
        } catch (IOException e) {
            throw new UncheckedIOException("the frustration lexicon is missing from the classpath", e);
        }
    }

    /** Every phrase in the text, left to right per kind; a place in the text counts for one phrase of a kind. */
    List<Found> find(String text) {
        String lower = CustomerText.bounded(text).toLowerCase(Locale.ROOT);
        List<Found> found = new ArrayList<>();
        byKind.forEach((kind, byFirst) -> {
            int at = 0;
            while (at < lower.length()) {
                String phrase = phraseAt(lower, at, byFirst.getOrDefault(lower.charAt(at), List.of()));
                if (phrase == null) {
                    at++;
                } else {
                    found.add(new Found(kind, phrase));
                    at += phrase.length();
                }
            }
        });
        return found;
    }

    private static String phraseAt(String text, int at, List<String> candidates) {
        for (String phrase : candidates) {
            int end = at + phrase.length();
            if (text.startsWith(phrase, at) && (isJapanese(phrase)
                    || ((at == 0 || !isLetterOrNumber(text.codePointBefore(at)))
                            && (end == text.length() || !isLetterOrNumber(text.codePointAt(end)))))) {
                return phrase;
            }
        }
        return null;
    }

    /** Japanese (and other CJK) phrases have no spaces around them to look for. */
    private static boolean isJapanese(String phrase) {
        return phrase.chars().anyMatch(c -> c > 0x2E80);
    }

    /** What may not touch an English phrase: a letter or a number of any script. */
    private static boolean isLetterOrNumber(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isLetter(codePoint) || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }
}
