package dev.baton.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One fault's result: its figures in the order they are reported, and every way Baton fell short (none: passed). */
final class Outcome {
    private final String fault;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    Outcome(String fault) {
        this.fault = fault;
    }

    String fault() {
        return fault;
    }

    Outcome put(String figure, Object value) {
        figures.put(figure, value);
        return this;
    }

    /** Records {@code problem} unless {@code held}. */
    Outcome require(boolean held, String problem) {
        if (!held) {
            problems.add(problem);
        }
        return this;
    }

    /** The customers' side of a run: what was sent, stored and delivered, and how the bot answered. */
    Outcome putMessages(Audit.Figures f) {
        put("messages sent", f.sent()).put("acked", f.acked()).put("lost (acked, not stored)", f.lost())
                .put("never acked", f.unacked()).put("stored twice", f.duplicated()).put("ack seq mismatches",
                        f.ackMismatch()).put("conversations out of order", f.outOfOrder())
                .put("messages stored (all authors)", f.stored()).put("delivered to their customer", f.delivered())
                .put("never delivered", f.missed()).put("delivered twice", f.deliveredTwice())
                .put("questions answered once", f.answeredOnce()).put("answered twice or more", f.answeredTwice())
                .put("never answered", f.unanswered()).put("bot turns run twice for one message", f.turnsRunTwice());
        require(f.lost() == 0, f.lost() + " acknowledged messages lost");
        require(f.unacked() == 0, f.unacked() + " messages never acknowledged");
        require(f.duplicated() == 0, f.duplicated() + " messages stored twice");
        require(f.ackMismatch() == 0, f.ackMismatch() + " acks with the wrong seq");
        require(f.outOfOrder() == 0, f.outOfOrder() + " conversations out of order");
        require(f.missed() == 0, f.missed() + " stored messages never reached their customer");
        require(f.deliveredTwice() == 0, f.deliveredTwice() + " messages delivered twice to one customer");
        return this;
    }

    Map<String, Object> figures() {
        return figures;
    }

    List<String> problems() {
        return problems;
    }

    boolean passed() {
        return problems.isEmpty();
    }
}
