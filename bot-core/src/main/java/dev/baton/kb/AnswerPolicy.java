package dev.baton.kb;

/**
 * How sure the bot must be before it answers with an article, and before it offers articles as choices ("Did you
 * mean…") instead of saying it is not sure. Each knowledge base gets its own from {@link KbCalibrator}; a
 * knowledge base not calibrated yet gets {@link #DEFAULT}.
 *
 * @param englishThreshold the lowest ranker probability (see {@link Match#confidence()}) answered directly
 * @param wordThreshold the lowest share of a question's words an article must have to be answered directly, for
 *     languages matched by words
 * @param englishOfferThreshold the lowest ranker probability offered as a choice
 * @param wordOfferThreshold the lowest share of words offered as a choice
 */
public record AnswerPolicy(double englishThreshold, double wordThreshold, double englishOfferThreshold,
        double wordOfferThreshold) {

    /** What a knowledge base gets before its own calibration; see docs/quality.md for how it was chosen. */
    public static final AnswerPolicy DEFAULT = new AnswerPolicy(0.6, 0.55, 0.25, 0.35);

    public AnswerPolicy {
        if (englishOfferThreshold > englishThreshold || wordOfferThreshold > wordThreshold) {
            throw new IllegalArgumentException("a choice can't need more confidence than an answer");
        }
    }

    public double thresholdFor(Match match) {
        return match.byWords() ? wordThreshold : englishThreshold;
    }

    public double offerThresholdFor(Match match) {
        return match.byWords() ? wordOfferThreshold : englishOfferThreshold;
    }
}
