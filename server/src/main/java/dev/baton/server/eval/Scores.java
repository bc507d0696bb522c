package dev.baton.server.eval;

import java.util.List;

/** In-scope accuracy and out-of-scope recall of a set of answered rows; null where a side has no rows. */
record Scores(int inScope, int outOfScope, Double inScopeAccuracy, Double oosRecall) {

    static Scores of(List<KbEval.Outcome> outcomes) {
        int inScope = 0;
        int inScopeRight = 0;
        int outOfScope = 0;
        int refused = 0;
        for (KbEval.Outcome outcome : outcomes) {
            if (outcome.expected().equals(KbEval.OUT_OF_SCOPE)) {
                outOfScope++;
                refused += outcome.right() ? 1 : 0;
            } else {
                inScope++;
                inScopeRight += outcome.right() ? 1 : 0;
            }
        }
        return new Scores(inScope, outOfScope, inScope == 0 ? null : inScopeRight / (double) inScope,
                outOfScope == 0 ? null : refused / (double) outOfScope);
    }

    /** The mean of the two; just the one when the other side has no rows. */
    Double mean() {
        if (inScopeAccuracy == null || oosRecall == null) {
            return inScopeAccuracy != null ? inScopeAccuracy : oosRecall;
        }
        return (inScopeAccuracy + oosRecall) / 2;
    }

    /** The share of all rows handled right: in-scope answered correctly, out-of-scope refused. */
    Double overallAccuracy() {
        int all = inScope + outOfScope;
        if (all == 0) {
            return null;
        }
        double right = (inScopeAccuracy == null ? 0 : inScopeAccuracy * inScope)
                + (oosRecall == null ? 0 : oosRecall * outOfScope);
        return right / all;
    }

    static String percent(Double value) {
        return value == null ? "n/a" : String.format("%.2f%%", value * 100);
    }
}
