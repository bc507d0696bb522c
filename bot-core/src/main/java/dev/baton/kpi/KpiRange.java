package dev.baton.kpi;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The days the KPIs cover: {@code from} to {@code to}, both included, as calendar days in {@code zone}. In instants
 * that is [start of {@code from}, start of the day after {@code to}) in that zone.
 */
public record KpiRange(LocalDate from, LocalDate to, ZoneId zone) {
    /** The longest range one request may ask for. */
    public static final int MAX_DAYS = 366;

    public KpiRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new IllegalArgumentException("A range covers at most " + MAX_DAYS + " days; " + from + " to " + to
                    + " is " + (ChronoUnit.DAYS.between(from, to) + 1) + ".");
        }
    }

    /**
     * Reads a range from request text: dates as {@code YYYY-MM-DD}, the zone as an IANA name ({@code Area/City}) or
     * {@code UTC}. Throws {@link IllegalArgumentException} with a message for a person when anything is wrong.
     */
    /** The last {@code days} days up to today, in UTC. */
    public static KpiRange lastDays(int days, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return new KpiRange(today.minusDays(days - 1L), today, ZoneOffset.UTC);
    }

    public static KpiRange parse(String from, String to, String zone) {
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        ZoneId zoneId;
        try {
            zoneId = zone == null || zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'tz' is not a time zone: " + zone + " (use a name like Europe/Paris)");
        }
        return new KpiRange(start, end, zoneId);
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' is missing (a date like 2026-03-01)");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a date like 2026-03-01: " + value);
        }
    }

    /** The first instant covered. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the range. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
