package dev.baton.kb;

/**
 * A knowledge base's thresholds and what they mean for it, as {@link KbCalibrator} measured them (or an admin set
 * them): the share of its own example questions (each asked of the knowledge base without it) answered with the
 * right article directly and offered among the choices, and the share of the built-in off-topic questions answered
 * with an article or offered one.
 *
 * @param contentHash which content it was measured on ({@link KbCalibrator#contentHash}), so a changed knowledge
 *     base is measured again
 * @param overridden whether an admin set the thresholds by hand (the shares are then measured at those thresholds)
 */
public record KbCalibration(AnswerPolicy policy, double examplesAnswered, double examplesAnsweredOrOffered,
        double examplesWrongAnswered, double offTopicAnswered, double offTopicOffered, int examplesAsked,
        int offTopicAsked, String contentHash, String measuredAt, boolean overridden) {}
