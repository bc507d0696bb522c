package dev.baton.llm;

import com.google.re2j.Pattern;
import dev.baton.kb.Embedder;
import dev.baton.kb.Language;
import dev.baton.kb.TextAnalysis;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an English text says only what its sources say. Every sentence must be close in meaning to a sentence of
 * the sources (by the in-process sentence embeddings) that says it the same way round (both negated or neither:
 * "there is a fee" is close to "there is no fee"), and add at most {@link #MAX_NEW_WORDS} words the sources do not
 * have (an added clause, "and we will refund your last bag", brings several); every number, time unit, email
 * address and link in it must be written in them. One sentence that fails fails the text: a fluent answer with
 * one invented promise is worse than a plain quote.
 */
public final class SupportCheck {
    /**
     * The least cosine similarity between an answer's sentence and its closest source sentence. On sentences the
     * project wrote (SupportCheckTest), bge-small put rewordings at 0.85 to 0.95 and other statements about the
     * same product at 0.70 to 0.79; a sentence that keeps a source's words and changes one noun can still pass
     * (0.83), which is why numbers are checked apart and the check is called coarse in docs/llm.md.
     */
    static final double MIN_SIMILARITY = 0.8;
    /**
     * Words (stemmed, common ones left out) a sentence may add to its sources: a rewording brings a few ("you may",
     * "pick"), an added promise more. Measured on SupportCheckTest's sentences.
     */
    static final int MAX_NEW_WORDS = 2;
    private static final Pattern NEGATION = Pattern.compile(
            "(?i)\\b(no|not|never|none|nothing|nobody|neither|nor|without|cannot|can['’]?t|\\p{L}+n['’]t)\\b");

    private final Embedder embedder;
    private final TextAnalysis analysis;

    public SupportCheck(Embedder embedder, TextAnalysis analysis) {
        this.embedder = embedder;
        this.analysis = analysis;
    }

    /** Why {@code text} is not supported by {@code sources}; empty when every sentence of it is. */
    public Optional<String> unsupported(String text, List<String> sources) {
        String all = String.join("\n", sources);
        // A time unit too: an answer's "three years" for the passage's "three months" reads as close as can be.
        Optional<String> fact = Facts.inventedDetail(text, all)
                .or(() -> Facts.unknownUnit(text, all).map(u -> "the unit " + u));
        if (fact.isPresent()) {
            return Optional.of(fact.get() + " is not in the sources");
        }
        List<String> claims = sentences(text);
        List<String> known = new ArrayList<>();
        sources.forEach(source -> known.addAll(sentences(source)));
        if (claims.isEmpty() || known.isEmpty()) {
            return Optional.of("nothing to compare");
        }
        Set<String> knownWords = analysis.terms(all, Language.ENGLISH, Integer.MAX_VALUE);
        List<float[]> knownVectors = embedder.embedAll(known);
        List<float[]> claimVectors = embedder.embedAll(claims);
        List<Boolean> knownNegated = known.stream().map(SupportCheck::negated).toList();
        for (int i = 0; i < claims.size(); i++) {
            String claim = claims.get(i);
            boolean negated = negated(claim);
            List<float[]> sameWayRound = new ArrayList<>();
            for (int k = 0; k < known.size(); k++) {
                if (knownNegated.get(k) == negated) {
                    sameWayRound.add(knownVectors.get(k));
                }
            }
            double closest = closest(claimVectors.get(i), sameWayRound);
            if (closest < MIN_SIMILARITY) {
                return Optional.of(String.format(Locale.ROOT,
                        "\"%s\" is like no source sentence that says it the same way round (%.2f)", claim, closest));
            }
            Set<String> added = new HashSet<>(analysis.terms(claim, Language.ENGLISH));
            added.removeAll(knownWords);
            if (added.size() > MAX_NEW_WORDS) {
                return Optional.of(String.format(Locale.ROOT, "\"%s\" adds words the sources do not have: %s",
                        claim, added));
            }
        }
        return Optional.empty();
    }

    static boolean negated(String sentence) {
        return NEGATION.matcher(sentence).find();
    }

    static double closest(float[] claim, List<float[]> known) {
        double best = -1;
        for (float[] vector : known) {
            double similarity = 0;
            for (int d = 0; d < claim.length; d++) {
                similarity += claim[d] * vector[d];
            }
            best = Math.max(best, similarity);
        }
        return best;
    }

    /** Sentences, and each line of a list as its own, without its bullet or number. */
    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        for (String line : text.split("\\R")) {
            String stripped = line.strip().replaceFirst("^(?:[•*-]|\\d+[.)])\\s+", "");
            boundaries.setText(stripped);
            for (int start = boundaries.first(), end = boundaries.next(); end != BreakIterator.DONE;
                    start = end, end = boundaries.next()) {
                String sentence = stripped.substring(start, end).strip();
                if (sentence.chars().anyMatch(Character::isLetterOrDigit)) {
                    sentences.add(sentence);
                }
            }
        }
        return sentences;
    }
}
