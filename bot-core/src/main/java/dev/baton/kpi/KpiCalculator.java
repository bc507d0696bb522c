package dev.baton.kpi;

import dev.baton.conversation.Author;
import dev.baton.conversation.Citation;
import dev.baton.conversation.Role;
import dev.baton.event.AgentJoined;
import dev.baton.event.ConversationEvent;
import dev.baton.event.CsatSubmitted;
import dev.baton.event.ChoicePicked;
import dev.baton.event.FeedbackGiven;
import dev.baton.event.HandedOff;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.event.Reopened;
import dev.baton.event.Resolved;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes {@link Kpis} from conversations' event logs; pure (no Redis, no clock of its own), so the same logs, range
 * and {@code now} always give the same numbers. Every time is the one Redis put into the event's stream id.
 *
 * <p>Definitions (also in docs/kpis.md):
 * <ul>
 * <li><b>In the range</b>: a conversation belongs to the calendar day (in the range's zone) of its first customer
 *     message. Conversations without a customer message are not counted. Every KPI below is computed over the
 *     conversations in the range (a cohort): a handoff, reply, rating or feedback of such a conversation counts even
 *     if it happened after the range's last day, and nothing of a conversation that started outside the range counts.
 * <li><b>Bot-resolved</b>: the bot answered at least once; nobody handed the conversation to a person (no
 *     {@code HandedOff}), no agent was given it or wrote in it; the customer never said an answer did not help
 *     (a bot message whose last {@code FeedbackGiven} is helpful=false); the customer never came back within {@value #RETURN_HOURS} hours of it
 *     being resolved (a {@code Reopened} by "customer" at most {@value #RETURN_HOURS} h after the {@code Resolved}
 *     before it); and it is settled: {@value #RETURN_HOURS} h have passed since it was resolved (when its last state is
 *     resolved) or since its last message (when it was left idle). One that meets everything but the last condition
 *     is <b>pending</b>.
 * <li><b>Bot resolution rate</b>: bot-resolved / (conversations − pending).
 * <li><b>Handed off</b>: at least one {@code HandedOff}; its reason is the first handoff's. Rate: / conversations.
 * <li><b>First human reply</b>: from the first {@code HandedOff} to the first agent message after it; conversations
 *     with no such reply give no sample. Median and 90th percentile by nearest rank ({@link Percentiles}).
 * <li><b>Time to resolution</b>: from the first customer message to the first {@code Resolved} (by bot or agent);
 *     conversations never resolved give no sample.
 * <li><b>CSAT</b>: the last rating of each conversation; average and how many of each 1–5.
 * <li><b>Article helpfulness</b>: for each "Did this help?" on a bot message (the last answer per message counts),
 *     one yes or no for every article that message cited; the bot's answer to a pick on "Did you mean…" counts as a
 *     yes unless the customer answers otherwise.
 * <li><b>Choices</b>: bot messages offering articles to choose from, and how many got a pick of an article.
 * <li><b>Per agent</b>: conversations given to them (distinct conversations with an {@code AgentJoined} to them);
 *     first replies = conversations whose first human reply (above) they wrote, with the median of those times; CSAT
 *     of the conversations they resolved (the agent of the last {@code Resolved} before the rating).
 * <li><b>Reply coach</b>: agents' replies the coach read (a {@code MessageCreated} by an agent with
 *     {@code coachHints}), those sent with at least one hint open, and how many with each hint.
 * </ul>
 */
public final class KpiCalculator {
    static final int RETURN_HOURS = 24;
    private static final long RETURN_MILLIS = Duration.ofHours(RETURN_HOURS).toMillis();

    private KpiCalculator() {}

    /**
     * @param logs one list per conversation, its events oldest first (any extra conversations are ignored)
     * @param now the moment the 24-hour windows are judged against
     */
    public static Kpis compute(List<List<LoggedEvent>> logs, KpiRange range, Instant now) {
        List<Facts> inRange = new ArrayList<>();
        for (List<LoggedEvent> log : logs) {
            Facts facts = Facts.of(log);
            if (facts != null && range.contains(facts.day(range))) {
                inRange.add(facts);
            }
        }
        inRange.sort(Comparator.comparingLong(f -> f.firstCustomerAt));

        Map<LocalDate, int[]> perDay = new TreeMap<>();
        for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
            perDay.put(day, new int[3]);
        }
        int botResolved = 0;
        int pending = 0;
        int handedOff = 0;
        int choicesOffered = 0;
        int choicesPicked = 0;
        Map<String, Integer> reasons = new HashMap<>();
        List<Long> firstReplies = new ArrayList<>();
        List<Long> resolutions = new ArrayList<>();
        int[] ratings = new int[6];
        int ratingCount = 0;
        long ratingSum = 0;
        Map<String, int[]> articleVotes = new LinkedHashMap<>();
        Map<String, String> articleTitles = new HashMap<>();
        Map<String, AgentTally> agents = new LinkedHashMap<>();
        int coachedReplies = 0;
        int repliesWithHints = 0;
        Map<String, Integer> hintCounts = new HashMap<>();

        for (Facts f : inRange) {
            int[] day = perDay.get(f.day(range));
            day[0]++;
            BotOutcome outcome = f.botOutcome(now.toEpochMilli());
            if (outcome == BotOutcome.RESOLVED) {
                botResolved++;
                day[1]++;
            } else if (outcome == BotOutcome.PENDING) {
                pending++;
            }
            choicesOffered += f.choicesOffered;
            choicesPicked += f.choicesPicked;
            if (f.firstHandoffAt != null) {
                handedOff++;
                day[2]++;
                reasons.merge(f.firstHandoffReason, 1, Integer::sum);
            }
            if (f.firstHumanReplyAt != null) {
                long millis = f.firstHumanReplyAt - f.firstHandoffAt;
                firstReplies.add(millis);
                agent(agents, f.firstHumanReplyBy, f.agentNames).firstResponses.add(millis);
            }
            if (f.firstResolvedAt != null) {
                resolutions.add(f.firstResolvedAt - f.firstCustomerAt);
            }
            coachedReplies += f.coachedReplies;
            repliesWithHints += f.repliesWithHints;
            f.hintCounts.forEach((hint, count) -> hintCounts.merge(hint, count, Integer::sum));
            for (String agentId : f.agentsJoined) {
                agent(agents, agentId, f.agentNames).conversations++;
            }
            if (f.rating != null) {
                ratings[f.rating]++; // 1 to 5: CsatSubmitted refuses anything else
                ratingCount++;
                ratingSum += f.rating;
                if (f.ratedResolver != null && f.agentsJoined.contains(f.ratedResolver)) {
                    AgentTally tally = agent(agents, f.ratedResolver, f.agentNames);
                    tally.csatCount++;
                    tally.csatSum += f.rating;
                }
            }
            for (List<Citation> cited : f.botCitations.values()) {
                for (Citation citation : cited) {
                    articleVotes.computeIfAbsent(citation.articleId(), id -> new int[3])[2]++;
                    if (citation.title() != null) {
                        articleTitles.putIfAbsent(citation.articleId(), citation.title());
                    }
                }
            }
            for (Map.Entry<String, Boolean> vote : f.feedback.entrySet()) {
                for (Citation citation : f.botCitations.getOrDefault(vote.getKey(), List.of())) {
                    int[] votes = articleVotes.computeIfAbsent(citation.articleId(), id -> new int[3]);
                    votes[vote.getValue() ? 0 : 1]++;
                    if (citation.title() != null) {
                        articleTitles.putIfAbsent(citation.articleId(), citation.title());
                    }
                }
            }
        }

        int conversations = inRange.size();
        List<Kpis.Day> days = new ArrayList<>();
        perDay.forEach((date, counts) -> days.add(new Kpis.Day(date.toString(), counts[0], counts[1], counts[2])));
        List<Kpis.ReasonCount> reasonCounts = reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new Kpis.ReasonCount(e.getKey(), e.getValue(), (double) e.getValue() / conversations))
                .toList();
        List<Kpis.RatingCount> distribution = new ArrayList<>();
        for (int rating = 1; rating <= 5; rating++) {
            distribution.add(new Kpis.RatingCount(rating, ratings[rating]));
        }
        List<Kpis.ArticleFeedback> articles = articleVotes.entrySet().stream()
                .map(e -> new Kpis.ArticleFeedback(e.getKey(), articleTitles.get(e.getKey()), e.getValue()[2],
                        e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingInt((Kpis.ArticleFeedback a) -> -a.answers())
                        .thenComparingInt(a -> -(a.helpful() + a.notHelpful()))
                        .thenComparing(Kpis.ArticleFeedback::articleId))
                .toList();
        List<Kpis.AgentKpis> agentKpis = agents.values().stream()
                .map(AgentTally::kpis)
                .sorted(Comparator.comparing((Kpis.AgentKpis a) -> a.name() == null ? a.agentId() : a.name())
                        .thenComparing(Kpis.AgentKpis::agentId))
                .toList();
        int replies = coachedReplies; // a copy the lambda below can read
        var coaching = new Kpis.ReplyCoaching(replies, repliesWithHints,
                replies == 0 ? null : (double) repliesWithHints / replies,
                hintCounts.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .map(e -> new Kpis.HintCount(e.getKey(), e.getValue(), (double) e.getValue() / replies))
                        .toList());
        int settled = conversations - pending;
        var summary = new Kpis.Summary(conversations, botResolved, pending,
                settled == 0 ? null : (double) botResolved / settled, handedOff,
                conversations == 0 ? null : (double) handedOff / conversations, choicesOffered, choicesPicked);
        return new Kpis(range.from().toString(), range.to().toString(), range.zone().getId(), now.toEpochMilli(),
                summary, days, reasonCounts, timing(firstReplies), timing(resolutions),
                new Kpis.Csat(ratingCount, ratingCount == 0 ? null : (double) ratingSum / ratingCount, distribution),
                articles, agentKpis, List.of(), coaching);
    }

    private static AgentTally agent(Map<String, AgentTally> agents, String id, Map<String, String> names) {
        AgentTally tally = agents.computeIfAbsent(id, AgentTally::new);
        if (tally.name == null) {
            tally.name = names.get(id);
        }
        return tally;
    }

    static Kpis.Timing timing(List<Long> samples) {
        List<Long> sorted = samples.stream().sorted().toList();
        return new Kpis.Timing(sorted.size(), Percentiles.of(sorted, 50), Percentiles.of(sorted, 90));
    }

    enum BotOutcome { RESOLVED, PENDING, NOT }

    private static final class AgentTally {
        final String id;
        String name;
        int conversations;
        final List<Long> firstResponses = new ArrayList<>();
        int csatCount;
        long csatSum;

        AgentTally(String id) {
            this.id = id;
        }

        Kpis.AgentKpis kpis() {
            return new Kpis.AgentKpis(id, name, conversations, firstResponses.size(),
                    Percentiles.of(firstResponses.stream().sorted().toList(), 50), csatCount,
                    csatCount == 0 ? null : (double) csatSum / csatCount);
        }
    }

    /** What one conversation's log says, read once in order. */
    private static final class Facts {
        Long firstCustomerAt;
        long lastMessageAt;
        int botMessages;
        boolean humanInvolved;
        boolean notHelpful;
        boolean customerReturnedSoon;
        Long firstHandoffAt;
        String firstHandoffReason;
        Long firstHumanReplyAt;
        String firstHumanReplyBy;
        Long firstResolvedAt;
        Long lastResolvedAt;
        String lastResolvedBy;
        boolean resolvedNow;
        Integer rating;
        String ratedResolver;
        final Set<String> agentsJoined = new LinkedHashSet<>();
        final Map<String, String> agentNames = new HashMap<>();
        /** Bot message seq → its citations. */
        final Map<String, List<Citation>> botCitations = new HashMap<>();
        /** Bot message seq → the customer's last answer to "Did this help?". */
        final Map<String, Boolean> feedback = new LinkedHashMap<>();
        int choicesOffered;
        int choicesPicked;
        /** A pick was made: the bot's next answer is the picked article, which counts as helpful. */
        boolean pickAnswerPending;
        int coachedReplies;
        int repliesWithHints;
        /** Hint code → replies sent with it open. */
        final Map<String, Integer> hintCounts = new HashMap<>();

        /** The facts, or null for a conversation without a customer message. */
        static Facts of(List<LoggedEvent> log) {
            Facts f = new Facts();
            for (LoggedEvent logged : log) {
                f.read(logged);
            }
            // Only answers about bot messages count; a "no" is the last answer the customer gave on a message.
            f.feedback.keySet().retainAll(f.botCitations.keySet());
            f.notHelpful = f.feedback.containsValue(Boolean.FALSE);
            return f.firstCustomerAt == null ? null : f;
        }

        LocalDate day(KpiRange range) {
            return Instant.ofEpochMilli(firstCustomerAt).atZone(range.zone()).toLocalDate();
        }

        private void read(LoggedEvent logged) {
            long ts = logged.ts();
            ConversationEvent event = logged.event();
            if (event instanceof MessageCreated message) {
                lastMessageAt = ts;
                Role role = message.author().role();
                if (role == Role.CUSTOMER && firstCustomerAt == null) {
                    firstCustomerAt = ts;
                } else if (role == Role.BOT) {
                    botMessages++;
                    botCitations.put(logged.seq(), message.citations());
                    choicesOffered += message.choices().isEmpty() ? 0 : 1;
                    if (pickAnswerPending && !message.citations().isEmpty()) {
                        feedback.put(logged.seq(), Boolean.TRUE);
                        pickAnswerPending = false;
                    }
                } else if (role == Role.AGENT) {
                    humanInvolved = true;
                    String id = agentId(message.author());
                    agentNames.putIfAbsent(id, message.author().name());
                    if (firstHandoffAt != null && firstHumanReplyAt == null) {
                        firstHumanReplyAt = ts;
                        firstHumanReplyBy = id;
                    }
                    if (message.coachHints() != null) {
                        coachedReplies++;
                        repliesWithHints += message.coachHints().isEmpty() ? 0 : 1;
                        message.coachHints().forEach(hint -> hintCounts.merge(hint, 1, Integer::sum));
                    }
                }
            } else if (event instanceof HandedOff handoff) {
                if (firstHandoffAt == null) {
                    firstHandoffAt = ts;
                    firstHandoffReason = handoff.context().reason() == null ? "unknown"
                            : handoff.context().reason().code();
                }
            } else if (event instanceof AgentJoined joined) {
                humanInvolved = true;
                String id = agentId(joined.agent());
                agentsJoined.add(id);
                agentNames.putIfAbsent(id, joined.agent().name());
            } else if (event instanceof ChoicePicked picked && picked.articleId() != null) {
                choicesPicked++;
                pickAnswerPending = true;
            } else if (event instanceof FeedbackGiven given) {
                feedback.put(given.messageSeq(), given.helpful()); // the last answer per message counts
            } else if (event instanceof Resolved resolved) {
                if (firstResolvedAt == null) {
                    firstResolvedAt = ts;
                }
                lastResolvedAt = ts;
                lastResolvedBy = resolved.by();
                resolvedNow = true;
            } else if (event instanceof Reopened reopened) {
                if ("customer".equals(reopened.by()) && lastResolvedAt != null && ts - lastResolvedAt <= RETURN_MILLIS) {
                    customerReturnedSoon = true;
                }
                resolvedNow = false;
            } else if (event instanceof CsatSubmitted csat) {
                rating = csat.rating();
                ratedResolver = lastResolvedBy;
            }
        }

        BotOutcome botOutcome(long now) {
            if (botMessages == 0 || firstHandoffAt != null || humanInvolved || notHelpful || customerReturnedSoon) {
                return BotOutcome.NOT;
            }
            long settledFrom = resolvedNow ? lastResolvedAt : lastMessageAt;
            return now - settledFrom >= RETURN_MILLIS ? BotOutcome.RESOLVED : BotOutcome.PENDING;
        }

        private static String agentId(Author author) {
            return author.id() != null ? author.id() : String.valueOf(author.name());
        }
    }
}
