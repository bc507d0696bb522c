package dev.baton.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {
    /** Billing in New York: weekdays 08:00-20:00. */
    private final BusinessHours newYork = new BusinessHours("America/New_York", Map.of(
            "mon", List.of(List.of("08:00", "20:00")), "tue", List.of(List.of("08:00", "20:00")),
            "wed", List.of(List.of("08:00", "20:00")), "thu", List.of(List.of("08:00", "20:00")),
            "fri", List.of(List.of("08:00", "20:00"))));

    @Test
    void open_and_closed_are_judged_in_the_team_s_time_zone_not_the_server_s() {
        // 2026-11-23 is a Monday; New York is UTC-5 in November.
        assertFalse(newYork.isOpen(Instant.parse("2026-11-23T12:59:00Z")), "07:59 in New York");
        assertTrue(newYork.isOpen(Instant.parse("2026-11-23T13:00:00Z")), "08:00 in New York");
        assertTrue(newYork.isOpen(Instant.parse("2026-11-24T00:59:00Z")), "19:59 Monday in New York, Tuesday in UTC");
        assertFalse(newYork.isOpen(Instant.parse("2026-11-24T01:00:00Z")), "20:00 closes");
    }

    @Test
    void daylight_saving_time_moves_the_opening_in_utc() {
        // Summer: UTC-4, so 08:00 is 12:00 UTC. Winter: UTC-5, so 08:00 is 13:00 UTC.
        assertTrue(newYork.isOpen(Instant.parse("2026-07-06T12:00:00Z")));
        assertFalse(newYork.isOpen(Instant.parse("2026-11-23T12:00:00Z")));
        // Closed Saturday night of the change (2026-11-01 is a Sunday): next opening is Monday 08:00 EST.
        assertEquals(ZonedDateTime.parse("2026-11-02T08:00-05:00[America/New_York]"),
                newYork.nextOpening(Instant.parse("2026-10-31T23:00:00Z")));
        assertEquals(Instant.parse("2026-11-02T13:00:00Z"),
                newYork.nextOpening(Instant.parse("2026-10-31T23:00:00Z")).toInstant());
    }

    @Test
    void the_next_opening_skips_closed_days_and_is_now_while_open() {
        Instant fridayNight = Instant.parse("2026-11-28T02:00:00Z"); // Friday 21:00 in New York
        assertEquals(ZonedDateTime.parse("2026-11-30T08:00-05:00[America/New_York]"), newYork.nextOpening(fridayNight));
        Instant mondayMorning = Instant.parse("2026-11-23T11:00:00Z"); // 06:00
        assertEquals(ZonedDateTime.parse("2026-11-23T08:00-05:00[America/New_York]"),
                newYork.nextOpening(mondayMorning));
        Instant open = Instant.parse("2026-11-23T15:00:00Z");
        assertEquals(open, newYork.nextOpening(open).toInstant());
    }

    @Test
    void a_range_may_run_to_midnight_and_a_day_may_have_several() {
        var tokyo = new BusinessHours("Asia/Tokyo", Map.of(
                "sat", List.of(List.of("09:00", "12:00"), List.of("13:00", "24:00"))));
        // 2026-11-28 is a Saturday; Tokyo is UTC+9 all year.
        assertTrue(tokyo.isOpen(Instant.parse("2026-11-28T14:59:00Z")), "23:59");
        assertFalse(tokyo.isOpen(Instant.parse("2026-11-28T15:00:00Z")), "Sunday 00:00");
        assertFalse(tokyo.isOpen(Instant.parse("2026-11-28T03:30:00Z")), "the lunch break");
        assertEquals(ZonedDateTime.parse("2026-11-28T13:00+09:00[Asia/Tokyo]"),
                tokyo.nextOpening(Instant.parse("2026-11-28T03:30:00Z")));
        assertEquals(ZonedDateTime.parse("2026-12-05T09:00+09:00[Asia/Tokyo]"),
                tokyo.nextOpening(Instant.parse("2026-11-28T15:00:00Z")), "a week later");
    }

    @Test
    void a_team_never_open_has_no_next_opening() {
        var never = new BusinessHours("UTC", Map.of());
        assertFalse(never.isOpen(Instant.parse("2026-11-23T12:00:00Z")));
        assertNull(never.nextOpening(Instant.parse("2026-11-23T12:00:00Z")));
    }

    @Test
    void bad_hours_are_refused_with_a_reason() {
        assertThrows(IllegalArgumentException.class, () -> new BusinessHours("Mars/Olympus", Map.of()));
        var day = assertThrows(IllegalArgumentException.class,
                () -> new BusinessHours("UTC", Map.of("funday", List.of(List.of("09:00", "17:00")))));
        assertTrue(day.getMessage().contains("funday"));
        assertThrows(IllegalArgumentException.class,
                () -> new BusinessHours("UTC", Map.of("mon", List.of(List.of("17:00", "09:00")))));
        assertThrows(IllegalArgumentException.class,
                () -> new BusinessHours("UTC", Map.of("mon", List.of(List.of("9am", "5pm")))));
        assertThrows(IllegalArgumentException.class,
                () -> new BusinessHours("UTC", Map.of("mon", List.of(List.of("09:00")))));
    }
}
