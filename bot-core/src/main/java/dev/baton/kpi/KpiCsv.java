package dev.baton.kpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Each chart of the dashboard as CSV (RFC 4180: comma-separated, CRLF line ends, a header row, fields quoted when they
 * hold a comma, quote or line break). Durations are in seconds, rates and averages as decimals with a dot. Text that
 * a spreadsheet would run as a formula (starting with =, +, -, @) gets a leading apostrophe.
 */
public enum KpiCsv {
    CONVERSATIONS_PER_DAY("conversations-per-day", KpiCsv::conversationsPerDay),
    HANDOFF_REASONS("handoff-reasons", KpiCsv::handoffReasons),
    RESPONSE_TIMES("response-times", KpiCsv::responseTimes),
    CSAT("csat", KpiCsv::csat),
    ARTICLES("articles", KpiCsv::articles),
    AGENTS("agents", KpiCsv::agents),
    REPLY_COACH("reply-coach", KpiCsv::replyCoach);

    private final String chart;
    private final Function<Kpis, List<List<Object>>> rows;

    KpiCsv(String chart, Function<Kpis, List<List<Object>>> rows) {
        this.chart = chart;
        this.rows = rows;
    }

    /** The chart's name in URLs and file names. */
    public String chart() {
        return chart;
    }

    public static Optional<KpiCsv> of(String chart) {
        return Arrays.stream(values()).filter(c -> c.chart.equals(chart)).findFirst();
    }

    /** The names of every chart, for error messages. */
    public static List<String> charts() {
        return Arrays.stream(values()).map(KpiCsv::chart).toList();
    }

    public String render(Kpis kpis) {
        StringBuilder csv = new StringBuilder();
        for (List<Object> row : rows.apply(kpis)) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                csv.append(field(row.get(i)));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    private static List<List<Object>> conversationsPerDay(Kpis k) {
        List<List<Object>> rows = table("date", "conversations", "bot_resolved", "handed_off");
        k.days().forEach(d -> rows.add(List.of(d.date(), d.conversations(), d.botResolved(), d.handedOff())));
        return rows;
    }

    private static List<List<Object>> handoffReasons(Kpis k) {
        List<List<Object>> rows = table("reason", "conversations", "share_of_conversations");
        k.handoffReasons().forEach(r -> rows.add(List.of(r.reason(), r.conversations(), r.share())));
        return rows;
    }

    private static List<List<Object>> responseTimes(Kpis k) {
        List<List<Object>> rows = table("metric", "count", "median_seconds", "p90_seconds");
        rows.add(timing("first_human_reply", k.firstHumanReply()));
        rows.add(timing("resolution", k.resolution()));
        return rows;
    }

    private static List<Object> timing(String metric, Kpis.Timing t) {
        return nullable(metric, t.count(), seconds(t.medianMillis()), seconds(t.p90Millis()));
    }

    private static List<List<Object>> csat(Kpis k) {
        List<List<Object>> rows = table("rating", "count");
        k.csat().distribution().forEach(r -> rows.add(List.of(r.rating(), r.count())));
        return rows;
    }

    private static List<List<Object>> articles(Kpis k) {
        List<List<Object>> rows = table("article_id", "title", "answers", "helpful", "not_helpful");
        k.articles().forEach(a -> rows.add(nullable(a.articleId(), a.title(), a.answers(), a.helpful(),
                a.notHelpful())));
        return rows;
    }

    private static List<List<Object>> agents(Kpis k) {
        List<List<Object>> rows = table("agent_id", "name", "conversations", "first_replies",
                "median_first_response_seconds", "csat_count", "csat_average");
        k.agents().forEach(a -> rows.add(nullable(a.agentId(), a.name(), a.conversations(), a.firstReplies(),
                seconds(a.medianFirstResponseMillis()), a.csatCount(), a.csatAverage())));
        return rows;
    }

    /** Row {@code any}: replies sent with at least one hint open; then one row per hint. */
    private static List<List<Object>> replyCoach(Kpis k) {
        List<List<Object>> rows = table("hint", "replies", "share_of_replies");
        Kpis.ReplyCoaching coach = k.replyCoach();
        rows.add(nullable("any", coach.withHints(), coach.withHintsShare()));
        coach.hints().forEach(h -> rows.add(List.of(h.hint(), h.replies(), h.share())));
        return rows;
    }

    private static List<List<Object>> table(String... header) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of((Object[]) header));
        return rows;
    }

    /** A row that may hold nulls (written as empty fields). */
    private static List<Object> nullable(Object... values) {
        return Arrays.asList(values);
    }

    private static Double seconds(Long millis) {
        return millis == null ? null : millis / 1000.0;
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /** Up to 4 decimals, no trailing zeros, never in exponent form. */
    private static String number(double value) {
        String text = String.format(Locale.ROOT, "%.4f", value);
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
