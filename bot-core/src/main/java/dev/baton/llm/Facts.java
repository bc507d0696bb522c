package dev.baton.llm;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The checkable facts of a model's text: its numbers (order and invoice numbers, amounts, dates, times, counts) and
 * its names. A model that writes one its sources do not hold has made it up, however fluent the rest. Patterns run
 * on RE2/J, in linear time, since a model's reply is text Baton did not write.
 */
final class Facts {
    /** A run of digits, with the separators inside a number ("1,200.50", "2026-11-23", "10:30"). */
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,:/-]\\d+)*");
    /** A capitalised word (Latin script), possibly with inner capitals or an apostrophe: "Maria", "McKay", "O'Neil". */
    private static final Pattern CAPITALISED = Pattern.compile("\\b\\p{Lu}[\\p{L}'’]+");
    /** What ends a sentence, after which a capital says nothing. */
    private static final Pattern SENTENCE_START = Pattern.compile("(?:^|[.!?:;。\\n•\"“(]\\s*|\\d\\.\\s+)$");

    private Facts() {}

    /** The first number of {@code text} that none of {@code sources} writes, digit for digit. */
    static Optional<String> unknownNumber(String text, String sources) {
        Set<String> known = numbers(sources);
        for (String number : numbers(text)) {
            if (!known.contains(number) && !known.contains(number.replace(",", ""))) {
                return Optional.of(number);
            }
        }
        return Optional.empty();
    }

    /**
     * The first name of {@code text} that none of {@code sources} writes: a capitalised word inside a sentence (a
     * capital after a sentence's end says nothing), not found in the sources in any case.
     *
     * @param allowed words the text may use besides the sources' (placeholders, the speaker's own name)
     */
    static Optional<String> unknownName(String text, String sources, Set<String> allowed) {
        String known = sources.toLowerCase(Locale.ROOT);
        Matcher words = CAPITALISED.matcher(text);
        while (words.find()) {
            String word = words.group();
            boolean startsSentence = SENTENCE_START.matcher(text.substring(0, words.start())).find();
            if (!startsSentence && !allowed.contains(word) && !known.contains(word.toLowerCase(Locale.ROOT))) {
                return Optional.of(word);
            }
        }
        return Optional.empty();
    }

    static Set<String> numbers(String text) {
        Set<String> numbers = new LinkedHashSet<>();
        Matcher matcher = NUMBER.matcher(text);
        while (matcher.find()) {
            String number = matcher.group();
            numbers.add(number);
            numbers.add(number.replace(",", ""));
        }
        return numbers;
    }
}
