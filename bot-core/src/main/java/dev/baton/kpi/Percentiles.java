package dev.baton.kpi;

import java.util.List;

/**
 * Nearest-rank percentiles: the p-th percentile of n sorted values is the value at rank ceil(p/100 × n) (1-based).
 * The median is the 50th percentile by the same rule, so with an even count it is the lower of the two middle
 * values, and every reported value is one that was actually observed.
 */
final class Percentiles {
    private Percentiles() {}

    /** The p-th percentile of {@code sorted} (ascending), or null when there are no values. */
    static Long of(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }
}
