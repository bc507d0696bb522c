package dev.baton.kpi;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Computes the KPIs of a range from the stored logs. Stateless: every node reading the same Redis answers the same
 * (only the 24-hour "pending" window depends on the caller's clock).
 */
public final class KpiService {
    /**
     * How long before the range's first day a conversation may have been opened and still have its first customer
     * message inside the range: an empty conversation lives 24 hours after each visit, so only a visitor who came back
     * daily for a week before writing anything is missed.
     */
    public static final Duration LOOKBACK = Duration.ofDays(7);

    private final ConversationLogs logs;
    private final ArticleOpens opens;
    private final Clock clock;

    public KpiService(ConversationLogs logs, ArticleOpens opens, Clock clock) {
        this.logs = Objects.requireNonNull(logs);
        this.opens = Objects.requireNonNull(opens);
        this.clock = Objects.requireNonNull(clock);
    }

    public Kpis compute(KpiRange range) {
        // Opens are counted per UTC day: the range's UTC days, from the one its first instant falls on.
        var firstDay = java.time.LocalDate.ofInstant(range.start(), java.time.ZoneOffset.UTC);
        var lastDay = java.time.LocalDate.ofInstant(range.end().minusMillis(1), java.time.ZoneOffset.UTC);
        return KpiCalculator.compute(logs.openedBetween(range.start().minus(LOOKBACK), range.end()), range,
                clock.instant()).withHelpCenterOpens(opens.between(firstDay, lastDay));
    }
}
