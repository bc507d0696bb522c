package dev.baton.handoff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.routing.Availability;
import org.junit.jupiter.api.Test;

/** What the customer is told about the wait reads as a person would write it, one minute or many. */
class HandoffMessagesTest {
    private static String english(int replyMinutes) {
        return HandoffMessages.handingOff("en", new Availability("Billing", true, 1, replyMinutes, null));
    }

    @Test
    void one_minute_is_a_minute_and_more_are_minutes() {
        assertTrue(english(1).endsWith("We usually reply in about a minute."), english(1));
        assertTrue(english(10).endsWith("We usually reply in about 10 minutes."), english(10));
        assertTrue(english(1500).endsWith("We usually reply in about 1500 minutes."), english(1500));
        String japanese = HandoffMessages.handingOff("ja", new Availability("Billing", true, 1, 1, null));
        assertTrue(japanese.endsWith("通常1分ほどでお返事します。"), japanese);
    }
}
