package dev.baton.llm;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.baton.conversation.Customer;
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
    private static final Pattern NEXT_CAPITALISED = Pattern.compile("^ \\p{Lu}");
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
     * The first name of {@code text} that none of {@code sources} writes, in any case: a capitalised word inside a
     * sentence, or one opening a sentence that reads as a name there (possessive, "Maria's", or followed by another
     * capitalised word, "Maria Lopez"). A capital opening a sentence says nothing else.
     *
     * @param allowed words the text may use besides the sources' (its own frame, placeholders)
     */
    static Optional<String> unknownName(String text, String sources, Set<String> allowed) {
        String known = sources.toLowerCase(Locale.ROOT);
        Matcher words = CAPITALISED.matcher(text);
        while (words.find()) {
            // "Maria's", "I'm": the word before the apostrophe; "I" alone is no name.
            String word = words.group().replaceFirst("['’]\\p{L}*$", "");
            boolean possessive = words.group().matches(".+['’]s");
            boolean startsSentence = SENTENCE_START.matcher(text.substring(0, words.start())).find();
            boolean readsAsName = !startsSentence || possessive
                    || NEXT_CAPITALISED.matcher(text.substring(words.end())).find();
            if (word.length() > 1 && readsAsName && !allowed.contains(word)
                    && !known.contains(word.toLowerCase(Locale.ROOT))) {
                return Optional.of(word);
            }
        }
        return Optional.empty();
    }

    /** The first email address of {@code text} that {@code sources} do not hold. */
    static Optional<String> unknownEmail(String text, String sources) {
        String known = sources.toLowerCase(Locale.ROOT);
        Matcher emails = Customer.EMAIL.matcher(text);
        while (emails.find()) {
            if (!known.contains(emails.group().toLowerCase(Locale.ROOT))) {
                return Optional.of(emails.group());
            }
        }
        return Optional.empty();
    }

    /**
     * What of {@code text} its sources do not hold, of what a summary or a draft must not invent: a number, an
     * email address or a name; empty when there is none.
     */
    static Optional<String> invented(String text, String sources, Set<String> allowedNames) {
        return unknownNumber(text, sources).map(n -> "the number " + n)
                .or(() -> unknownEmail(text, sources).map(e -> "the address " + e))
                .or(() -> unknownName(text, sources, allowedNames).map(n -> "the name " + n));
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
