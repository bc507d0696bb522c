package dev.baton.handoff;

import java.util.List;

/** The policy's verdict to hand over: why, how urgently, what triggered it and on what evidence. */
public record Decision(Reason reason, Priority priority, String trigger, List<String> evidence) {

    public Decision {
        evidence = List.copyOf(evidence);
    }
}
