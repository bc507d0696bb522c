package dev.baton.kb;

/**
 * How sure the bot must be before it answers with an article instead of saying it is not sure.
 *
 * @param englishThreshold the lowest cosine score (see {@link Match#confidence()}) answered in English
 * @param wordThreshold the lowest share of a question's words an article must have, for languages matched by words
 */
public record AnswerPolicy(double englishThreshold, double wordThreshold) {

    /** What a new knowledge base gets; see docs/quality.md for how it was chosen. */
    public static final AnswerPolicy DEFAULT = new AnswerPolicy(0.75, 0.55);

    public double thresholdFor(String language) {
        return Language.ENGLISH.equals(language) ? englishThreshold : wordThreshold;
    }

    public AnswerPolicy withEnglishThreshold(double threshold) {
        return new AnswerPolicy(threshold, wordThreshold);
    }
}
