package dev.baton.kb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the part of an article that answers a question: a few whole sentences of one paragraph, or a whole list
 * (steps, options) with the sentence that introduces it. Never the whole article, never a sentence cut in half,
 * never words that are not in the article.
 */
public final class PassageFinder {
    /** A passage grows to about this many characters when its paragraph has more to give. */
    static final int TARGET_CHARS = 180;
    static final int MAX_CHARS = 450;
    static final int MAX_LIST_CHARS = 700;
    /** How much shared words count next to meaning when both are known. */
    private static final double LEXICAL_WEIGHT = 0.25;

    private final TextAnalysis analysis;

    public PassageFinder(TextAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * @param unitSimilarities the question's cosine similarity to each of {@code text.units()}, or null when the
     *     article's language has no embeddings; then shared words alone decide
     */
    public String find(Article article, ArticleText text, String question, double[] unitSimilarities) {
        List<ArticleText.Block> blocks = text.blocks();
        if (blocks.isEmpty()) {
            return article.title();
        }
        double[] lexical = lexicalScores(text.units(), question, article.language());
        if (unitSimilarities != null && unitSimilarities.length != lexical.length) {
            unitSimilarities = null; // vectors of another version of the article, being re-indexed right now
        }
        double maxLexical = 0;
        for (double score : lexical) {
            maxLexical = Math.max(maxLexical, score);
        }
        if (unitSimilarities == null && maxLexical == 0) {
            return lead(blocks);
        }
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int unit = 0; unit < lexical.length; unit++) {
            double shared = maxLexical == 0 ? 0 : lexical[unit] / maxLexical;
            double score = unitSimilarities == null ? shared : unitSimilarities[unit] + LEXICAL_WEIGHT * shared;
            if (score > bestScore) {
                best = unit;
                bestScore = score;
            }
        }
        for (ArticleText.Block block : blocks) {
            if (best < block.units().size()) {
                return block.isList() ? listPassage(block, best) : sentencesAround(block.units(), best);
            }
            best -= block.units().size();
        }
        throw new IllegalStateException("unit index beyond the article");
    }

    /** Shared words between the question and each unit, rarer words (in this article) weighing more. */
    private double[] lexicalScores(List<String> units, String question, String language) {
        List<Set<String>> unitTerms = units.stream().map(unit -> analysis.terms(unit, language)).toList();
        Map<String, Integer> documentFrequency = new HashMap<>();
        unitTerms.forEach(terms -> terms.forEach(term -> documentFrequency.merge(term, 1, Integer::sum)));
        Set<String> asked = analysis.terms(question, language);
        double[] scores = new double[units.size()];
        for (int i = 0; i < units.size(); i++) {
            for (String term : asked) {
                if (unitTerms.get(i).contains(term)) {
                    scores[i] += Math.log(1 + (double) units.size() / documentFrequency.get(term));
                }
            }
        }
        return scores;
    }

    /** When nothing in the body relates to the question (it matched the title or examples), the opening. */
    private static String lead(List<ArticleText.Block> blocks) {
        ArticleText.Block first = blocks.stream().filter(b -> !b.isList()).findFirst().orElse(blocks.get(0));
        return first.isList() ? listPassage(first, 0) : sentencesAround(first.units(), 0);
    }

    private static String sentencesAround(List<String> sentences, int best) {
        int from = best;
        int to = best + 1;
        while (to < sentences.size() && length(sentences, from, to) < TARGET_CHARS
                && length(sentences, from, to + 1) <= MAX_CHARS) {
            to++;
        }
        while (from > 0 && length(sentences, from, to) < TARGET_CHARS
                && length(sentences, from - 1, to) <= MAX_CHARS) {
            from--;
        }
        StringBuilder passage = new StringBuilder();
        for (String sentence : sentences.subList(from, to)) {
            // Japanese sentences follow each other without a space.
            if (passage.length() > 0 && !passage.toString().endsWith("。")) {
                passage.append(' ');
            }
            passage.append(sentence);
        }
        return passage.toString();
    }

    private static int length(List<String> sentences, int from, int to) {
        return sentences.subList(from, to).stream().mapToInt(s -> s.length() + 1).sum();
    }

    private static String listPassage(ArticleText.Block list, int best) {
        List<String> items = list.units();
        int from = length(items, 0, best + 1) > MAX_LIST_CHARS ? best : 0;
        int to = from + 1;
        while (to < items.size() && length(items, from, to + 1) <= MAX_LIST_CHARS) {
            to++;
        }
        String body = String.join("\n", items.subList(from, to));
        return list.intro() == null || from > 0 ? body : list.intro() + "\n" + body;
    }
}
