package dev.baton.server.eval;

import java.util.List;
import java.util.TreeSet;

/** Chooses a confidence threshold from answered rows whose right answers are known. */
final class Calibration {
    private Calibration() {}

    /**
     * The threshold with the best mean of in-scope accuracy and out-of-scope recall on these rows; among equally
     * good ones, the middle of the best range, which moves least on new data.
     */
    static double bestMeanThreshold(List<KbEval.Outcome> outcomes) {
        TreeSet<Double> candidates = new TreeSet<>();
        outcomes.forEach(o -> candidates.add(o.confidence()));
        candidates.add(0.0);
        double bestMean = -1;
        double bestLow = 0;
        double bestHigh = 0;
        for (double candidate : candidates) {
            double mean = Scores.of(decidedAt(outcomes, candidate)).mean();
            if (mean > bestMean + 1e-12) {
                bestMean = mean;
                bestLow = candidate;
                bestHigh = candidate;
            } else if (Math.abs(mean - bestMean) <= 1e-12 && bestHigh == candidates.lower(candidate)) {
                bestHigh = candidate;
            }
        }
        return (bestLow + bestHigh) / 2;
    }

    /** The lowest threshold that refuses at least {@code target} (0-1) of the out-of-scope rows. */
    static double lowestThresholdWithOosRecall(List<KbEval.Outcome> outcomes, double target) {
        TreeSet<Double> candidates = new TreeSet<>();
        outcomes.forEach(o -> candidates.add(o.confidence()));
        for (double candidate : candidates) {
            Double recall = Scores.of(decidedAt(outcomes, candidate)).oosRecall();
            if (recall == null) {
                throw new IllegalArgumentException("the calibration file has no out-of-scope (oos) rows");
            }
            if (recall >= target) {
                return candidate;
            }
        }
        return candidates.isEmpty() ? 1.0 : Math.nextUp(candidates.last());
    }

    /** The highest threshold that still keeps {@code keep} (0-1) of the right answers among these rows. */
    static double keepingRightAnswers(List<KbEval.Outcome> outcomes, double keep) {
        double[] right = outcomes.stream().filter(o -> o.answered() != null && o.answered().equals(o.expected()))
                .mapToDouble(KbEval.Outcome::confidence).sorted().toArray();
        if (right.length == 0) {
            throw new IllegalArgumentException("no held-out example was answered right; the threshold can't be set");
        }
        return right[(int) Math.floor((1 - keep) * right.length)];
    }

    /** The same answers, decided again as if the threshold had been {@code threshold}. */
    static List<KbEval.Outcome> decidedAt(List<KbEval.Outcome> outcomes, double threshold) {
        return outcomes.stream().map(o -> new KbEval.Outcome(o.text(), o.expected(), o.answered(), o.confidence(),
                o.answered() != null && o.confidence() >= threshold)).toList();
    }
}
