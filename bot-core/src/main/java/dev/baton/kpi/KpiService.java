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
    private final Clock clock;

    public KpiService(ConversationLogs logs, Clock clock) {
        this.logs = Objects.requireNonNull(logs);
        this.clock = Objects.requireNonNull(clock);
    }

    public Kpis compute(KpiRange range) {
        return KpiCalculator.compute(logs.openedBetween(range.start().minus(LOOKBACK), range.end()), range,
                clock.instant());
    }
}
