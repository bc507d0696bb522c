package dev.baton.kpi;

import java.util.List;

/**
 * The support KPIs of a date range, computed by {@link KpiCalculator} from the conversations' event logs. Times are
 * in milliseconds; a median, percentile, rate or average with nothing to measure is null (absent in JSON). Exact
 * definitions: {@link KpiCalculator} and docs/kpis.md.
 *
 * @param computedAt epoch millis of the "now" the 24-hour windows were judged against
 */
public record Kpis(String from, String to, String timeZone, long computedAt, Summary summary, List<Day> days,
        List<ReasonCount> handoffReasons, Timing firstHumanReply, Timing resolution, Csat csat,
        List<ArticleFeedback> articles, List<AgentKpis> agents, List<ArticleOpened> helpCenterOpens,
        ReplyCoaching replyCoach) {

    public Kpis {
        days = List.copyOf(days);
        handoffReasons = List.copyOf(handoffReasons);
        articles = List.copyOf(articles);
        agents = List.copyOf(agents);
        helpCenterOpens = List.copyOf(helpCenterOpens);
    }

    /** These KPIs with the help center's article opens (counted apart from the conversation logs). */
    public Kpis withHelpCenterOpens(List<ArticleOpened> opens) {
        return new Kpis(from, to, timeZone, computedAt, summary, days, handoffReasons, firstHumanReply, resolution,
                csat, articles, agents, opens, replyCoach);
    }

    /**
     * Agents' replies and the reply coach: how many replies were sent (counting only those the coach read, that is
     * sent since it exists), how many of them with hints open, and how many with each hint, most first.
     *
     * @param withHintsShare withHints / replies
     */
    public record ReplyCoaching(int replies, int withHints, Double withHintsShare, List<HintCount> hints) {
        public ReplyCoaching {
            hints = List.copyOf(hints);
        }
    }

    /** Replies sent with this hint open; share = replies / all replies the coach read. */
    public record HintCount(String hint, int replies, double share) {}

    /** An article opened in the messenger's help center {@code opens} times in the range. */
    public record ArticleOpened(String articleId, String title, int opens) {}

    /**
     * @param conversations conversations whose first customer message falls in the range
     * @param botResolved of those, resolved by the bot (see {@link KpiCalculator})
     * @param botPending of those, ones that would count as bot-resolved but whose 24-hour window is still open
     * @param botResolutionRate botResolved / (conversations - botPending)
     * @param handedOff of those, handed to a person at least once
     * @param handoffRate handedOff / conversations
     * @param choicesOffered bot messages that offered articles to choose from ("Did you mean…")
     * @param choicesPicked of those, the ones the customer answered with an article (not "None of these")
     */
    public record Summary(int conversations, int botResolved, int botPending, Double botResolutionRate,
            int handedOff, Double handoffRate, int choicesOffered, int choicesPicked) {}

    /** One calendar day of the range, in the range's zone. */
    public record Day(String date, int conversations, int botResolved, int handedOff) {}

    /** Conversations whose first handoff had this reason; share = conversations / all conversations. */
    public record ReasonCount(String reason, int conversations, double share) {}

    /** A distribution of durations: how many, the nearest-rank median and 90th percentile. */
    public record Timing(int count, Long medianMillis, Long p90Millis) {}

    /** Customer ratings: how many, their mean, and how many of each rating 1 to 5. */
    public record Csat(int count, Double average, List<RatingCount> distribution) {
        public Csat {
            distribution = List.copyOf(distribution);
        }
    }

    public record RatingCount(int rating, int count) {}

    /**
     * How an article served: {@code answers} bot messages cited it; "Did this help?" answers on those.
     */
    public record ArticleFeedback(String articleId, String title, int answers, int helpful, int notHelpful) {}

    /**
     * @param conversations conversations the agent was given (claimed, assigned or transferred to them)
     * @param firstReplies conversations whose first human reply the agent wrote
     * @param medianFirstResponseMillis median of handoff → the agent's first reply, over those
     * @param csatCount ratings of conversations the agent resolved
     */
    public record AgentKpis(String agentId, String name, int conversations, int firstReplies,
            Long medianFirstResponseMillis, int csatCount, Double csatAverage) {}
}
