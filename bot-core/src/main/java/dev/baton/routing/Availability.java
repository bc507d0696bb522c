package dev.baton.routing;

import java.time.ZonedDateTime;

/**
 * Whether a team can answer now, and what to tell the customer: "usually replies in ~5 minutes", or when it is
 * back.
 *
 * @param backAt when the team opens next, when it is closed (null when it is open or never opens)
 */
public record Availability(String team, boolean open, int agentsOnline, int replyMinutes, ZonedDateTime backAt) {

    /** Someone can answer soon: the team works now and someone is online. */
    public boolean answersSoon() {
        return open && agentsOnline > 0;
    }
}
