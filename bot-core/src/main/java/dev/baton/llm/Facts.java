package dev.baton.llm;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.baton.conversation.Customer;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checkable facts of a model's text: its numbers (order and invoice numbers, amounts, dates, times, counts) and
 * its names, addresses and links. A model that writes one its sources do not hold has made it up, however fluent
 * the rest. Texts are read in Unicode's compatibility form first, so full-width digits (１２３４５) are digits, and
 * number words (three, thirty) count as their digits. Patterns run on RE2/J, in linear time, since a model's reply
 * is text Baton did not write.
 */
final class Facts {
    /** A run of digits, with the separators inside a number ("1,200.50", "2026-11-23", "10:30"). */
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,:/-]\\d+)*");
    /** A capitalised word (Latin script), possibly with inner capitals or an apostrophe: "Maria", "McKay", "O'Neil". */
    private static final Pattern CAPITALISED = Pattern.compile("\\b\\p{Lu}[\\p{L}'’]+");
    /** What ends a sentence, after which a capital says nothing. */
    private static final Pattern NEXT_CAPITALISED = Pattern.compile("^ \\p{Lu}");
    private static final Pattern SENTENCE_START = Pattern.compile("(?:^|[.!?:;。\\n•\"“(]\\s*|\\d\\.\\s+)$");
    private static final Pattern LINK = Pattern.compile("(?i)(?:https?://|www\\.)[^\\s<>\"“”()]+");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    /** Units that change what a number says ("three months" against "three years"), singular and plural. */
    private static final Pattern UNIT = Pattern.compile(
            "(?i)\\b(second|minute|hour|day|week|month|year|business day|working day)s?\\b");
    private static final Pattern NUMBER_WORD = Pattern.compile("(?i)\\b(zero|one|two|three|four|five|six|seven|eight|"
            + "nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
            + "forty|fifty|sixty|seventy|eighty|ninety|hundred)\\b");
    private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(Map.entry("zero", "0"),
            Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"), Map.entry("four", "4"),
            Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"), Map.entry("eight", "8"),
            Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"), Map.entry("twelve", "12"),
            Map.entry("thirteen", "13"), Map.entry("fourteen", "14"), Map.entry("fifteen", "15"),
            Map.entry("sixteen", "16"), Map.entry("seventeen", "17"), Map.entry("eighteen", "18"),
            Map.entry("nineteen", "19"), Map.entry("twenty", "20"), Map.entry("thirty", "30"),
            Map.entry("forty", "40"), Map.entry("fifty", "50"), Map.entry("sixty", "60"), Map.entry("seventy", "70"),
            Map.entry("eighty", "80"), Map.entry("ninety", "90"), Map.entry("hundred", "100"));

    private Facts() {}

    /** The first number of {@code text} that none of {@code sources} writes, digit for digit. */
    static Optional<String> unknownNumber(String text, String sources) {
        Set<String> known = numbers(withDigits(sources));
        for (String number : numbers(withDigits(text))) {
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
        text = normal(text);
        // Whole words: "Bill" is not in "billing".
        Set<String> known = new HashSet<>();
        Matcher sourceWords = WORD.matcher(normal(sources).toLowerCase(Locale.ROOT));
        while (sourceWords.find()) {
            known.add(sourceWords.group());
        }
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
        return unknownFound(Customer.EMAIL, text, sources);
    }

    /** The first link of {@code text} that {@code sources} do not hold (a model must not send customers anywhere). */
    static Optional<String> unknownLink(String text, String sources) {
        return unknownFound(LINK, text, sources);
    }

    private static Optional<String> unknownFound(Pattern pattern, String text, String sources) {
        String known = normal(sources).toLowerCase(Locale.ROOT);
        Matcher found = pattern.matcher(normal(text));
        while (found.find()) {
            String match = found.group().replaceFirst("[.,;:!?]+$", "");
            if (!known.contains(match.toLowerCase(Locale.ROOT))) {
                return Optional.of(match);
            }
        }
        return Optional.empty();
    }

    /** The first time unit of {@code text} ("years") that {@code sources} do not use, singular or plural. */
    static Optional<String> unknownUnit(String text, String sources) {
        Set<String> known = new HashSet<>();
        Matcher inSources = UNIT.matcher(normal(sources));
        while (inSources.find()) {
            known.add(inSources.group(1).toLowerCase(Locale.ROOT));
        }
        Matcher inText = UNIT.matcher(normal(text));
        while (inText.find()) {
            if (!known.contains(inText.group(1).toLowerCase(Locale.ROOT))) {
                return Optional.of(inText.group());
            }
        }
        return Optional.empty();
    }

    /**
     * What of {@code text} its sources do not hold, of the details no model text may invent: a number, an email
     * address or a link; empty when there is none.
     */
    static Optional<String> inventedDetail(String text, String sources) {
        return unknownNumber(text, sources).map(n -> "the number " + n)
                .or(() -> unknownEmail(text, sources).map(e -> "the address " + e))
                .or(() -> unknownLink(text, sources).map(l -> "the link " + l));
    }

    /**
     * What of {@code text} its sources do not hold, of what a summary or a draft must not invent: any detail of
     * {@link #inventedDetail}, or a name; empty when there is none.
     */
    static Optional<String> invented(String text, String sources, Set<String> allowedNames) {
        return inventedDetail(text, sources)
                .or(() -> unknownName(text, sources, allowedNames).map(n -> "the name " + n));
    }

    /** Full-width letters and digits as their plain forms (NFKC), as people and models write them in Japanese. */
    private static String normal(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    /** The text in its normal form with number words as digits: "thirty days" reads "30 days". */
    private static String withDigits(String text) {
        Matcher words = NUMBER_WORD.matcher(normal(text));
        StringBuilder out = new StringBuilder();
        while (words.find()) {
            words.appendReplacement(out, NUMBER_WORDS.get(words.group(1).toLowerCase(Locale.ROOT)));
        }
        words.appendTail(out);
        return out.toString();
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
