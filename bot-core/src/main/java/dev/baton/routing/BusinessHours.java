package dev.baton.routing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When a team works, week by week, in its own time zone: for each day, the opening ranges as "HH:mm" pairs
 * ({@code {"mon": [["09:00", "18:00"]], ...}}); a day not listed is closed. A range may end at "24:00".
 */
public record BusinessHours(String timeZone, Map<String, List<List<String>>> days) {

    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY,
            "sun", DayOfWeek.SUNDAY);

    public BusinessHours {
        days = days == null ? Map.of() : Map.copyOf(days);
        validate(timeZone, days);
    }

    private static void validate(String timeZone, Map<String, List<List<String>>> days) {
        try {
            ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + timeZone + "'");
        }
        days.forEach((day, ranges) -> {
            if (!DAYS.containsKey(day.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("unknown day '" + day + "' (mon, tue, ... sun)");
            }
            for (List<String> range : ranges) {
                if (range.size() != 2 || minuteOf(range.get(0)) >= minuteOf(range.get(1))) {
                    throw new IllegalArgumentException("a range is [\"HH:mm\", \"HH:mm\"], opening before closing: "
                            + range);
                }
            }
        });
    }

    private static int minuteOf(String time) {
        if ("24:00".equals(time)) {
            return 24 * 60;
        }
        try {
            LocalTime parsed = LocalTime.parse(time);
            return parsed.getHour() * 60 + parsed.getMinute();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a time is \"HH:mm\", not '" + time + "'");
        }
    }

    @JsonIgnore
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    private Map<DayOfWeek, List<List<String>>> byDay() {
        Map<DayOfWeek, List<List<String>>> byDay = new EnumMap<>(DayOfWeek.class);
        days.forEach((day, ranges) -> byDay.put(DAYS.get(day.toLowerCase(Locale.ROOT)), ranges));
        return byDay;
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone());
        int minute = local.getHour() * 60 + local.getMinute();
        for (List<String> range : byDay().getOrDefault(local.getDayOfWeek(), List.of())) {
            if (minute >= minuteOf(range.get(0)) && minute < minuteOf(range.get(1))) {
                return true;
            }
        }
        return false;
    }

    /** The next moment the team opens, within a week; null when it never does. {@code at} itself if open. */
    public ZonedDateTime nextOpening(Instant at) {
        if (isOpen(at)) {
            return at.atZone(zone());
        }
        ZonedDateTime local = at.atZone(zone());
        Map<DayOfWeek, List<List<String>>> byDay = byDay();
        for (int offset = 0; offset <= 7; offset++) {
            ZonedDateTime day = local.toLocalDate().plusDays(offset).atStartOfDay(zone());
            ZonedDateTime best = null;
            for (List<String> range : byDay.getOrDefault(day.getDayOfWeek(), List.of())) {
                ZonedDateTime opens = day.plusMinutes(minuteOf(range.get(0)));
                if (opens.isAfter(local) && (best == null || opens.isBefore(best))) {
                    best = opens;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }
}
