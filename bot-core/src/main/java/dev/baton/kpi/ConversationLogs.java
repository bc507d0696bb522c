package dev.baton.kpi;

import dev.baton.event.LoggedEvent;
import java.time.Instant;
import java.util.List;

/** Where the KPIs read conversations from: the full event logs of the conversations opened in a time window. */
@FunctionalInterface
public interface ConversationLogs {

    /** The logs (oldest event first) of every conversation created in [from, to); empty logs may be left out. */
    List<List<LoggedEvent>> openedBetween(Instant from, Instant to);
}
