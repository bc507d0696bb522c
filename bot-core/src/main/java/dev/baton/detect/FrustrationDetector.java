package dev.baton.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.baton.conversation.CustomerText;
import dev.baton.kb.EmbeddingClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores how frustrated one message reads, 0 to 1, with the evidence: a logistic regression over the message's
 * embedding (fitted on the GoEmotions training split, see docs/quality.md), combined with the shipped lexicon
 * (profanity, annoyance, sarcasm, "that didn't help"), ALL CAPS and repeated punctuation.
 */
public final class FrustrationDetector {
    static final String MODEL = "/dev/baton/detect/frustration-model.tribuo";
    /** From this score on, one message alone counts as frustrated. */
    public static final double FRUSTRATED = 0.5;
    /**
     * Saying outright that the conversation is going nowhere ("I've asked this three times", "do you even read my
     * messages", 何回聞いても) is reason enough on its own to hand over at the default threshold (0.8).
     */
    static final double FED_UP = 0.8;
    private static final int DIMENSION = 384;
    /** A word: letters, digits and underscores (RE2's {@code \\b} knows ASCII only, so words are found whole). */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final Pattern REPEATED_PUNCTUATION = Pattern.compile("[!?！？]{2,}");

    private final EmbeddingClassifier model;
    private final FrustrationLexicon lexicon;

    /**
     * One message's frustration, what raised it, whether it says the last answer did not help, is sarcastic, or
     * puts a question again in other words ("I mean ...").
     */
    public record Score(double value, List<String> evidence, boolean saysNotHelpful, boolean sarcastic,
            String rephrases) {}

    FrustrationDetector(EmbeddingClassifier model, FrustrationLexicon lexicon) {
        this.model = model;
        this.lexicon = lexicon;
    }

    public static FrustrationDetector load() {
        try (InputStream in = FrustrationDetector.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException("the frustration model " + MODEL + " is missing from the classpath");
            }
            return new FrustrationDetector(EmbeddingClassifier.load(in, DIMENSION), FrustrationLexicon.load());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param vector the message's embedding when the model knows its language (English), else null: then the
     *     lexicon and the typography speak alone
     */
    public Score score(String message, float[] vector) {
        String text = CustomerText.bounded(message);
        List<String> evidence = new ArrayList<>();
        double tone = vector == null ? 0 : model.probabilities(vector).getOrDefault("1", 0.0);
        if (tone >= 0.5) {
            evidence.add(String.format("the message reads as annoyed (%.2f)", tone));
        }
        double words = 0;
        boolean notHelpful = false;
        boolean sarcastic = false;
        String rephrases = null;
        Set<String> seen = new LinkedHashSet<>();
        for (FrustrationLexicon.Found found : lexicon.find(text)) {
            if (!seen.add(found.phrase())) {
                continue;
            }
            switch (found.kind()) {
                case "profanity" -> {
                    words += 0.45;
                    evidence.add("profanity (\"" + found.phrase() + "\")");
                }
                case "annoyance" -> {
                    words += 0.4;
                    evidence.add("annoyance (\"" + found.phrase() + "\")");
                }
                case "asks_again" -> {
                    words += 0.1;
                    rephrases = found.phrase();
                }
                case "fed_up" -> {
                    words += FED_UP;
                    evidence.add("fed up with the conversation (\"" + found.phrase() + "\")");
                }
                case "sarcasm" -> {
                    words += 0.3;
                    sarcastic = true;
                    evidence.add("sarcasm (\"" + found.phrase() + "\")");
                }
                case "not_helpful" -> {
                    words += 0.3;
                    notHelpful = true;
                    evidence.add("says the answer did not help (\"" + found.phrase() + "\")");
                }
                default -> { }
            }
        }
        if (shoutsThroughout(text)) {
            words += 0.5;
            evidence.add("writes the whole message in CAPITALS");
        } else if (shouts(text)) {
            words += 0.25;
            evidence.add("writes in CAPITALS");
        }
        Matcher punctuation = REPEATED_PUNCTUATION.matcher(text);
        if (punctuation.find()) {
            words += 0.15;
            evidence.add("repeated punctuation (\"" + punctuation.group() + "\")");
        }
        double value = 1 - (1 - tone) * (1 - Math.min(1, words));
        return new Score(value, evidence, notHelpful, sarcastic, rephrases);
    }

    /** Two or more words in capitals. */
    private static boolean shouts(String text) {
        Matcher word = WORD.matcher(text);
        int capsWords = 0;
        while (word.find()) {
            if (isCapitals(word.group())) {
                capsWords++;
            }
        }
        return capsWords >= 2;
    }

    /** A message of some length nearly all in capitals: shouting, not an acronym or two. */
    private static boolean shoutsThroughout(String text) {
        long letters = text.chars().filter(Character::isLetter).count();
        long upper = text.chars().filter(Character::isUpperCase).count();
        return letters >= 12 && upper > 0.8 * letters;
    }

    /** Three or more capital letters and nothing else. */
    private static boolean isCapitals(String word) {
        return word.codePointCount(0, word.length()) >= 3
                && word.codePoints().allMatch(c -> Character.getType(c) == Character.UPPERCASE_LETTER);
    }
}
