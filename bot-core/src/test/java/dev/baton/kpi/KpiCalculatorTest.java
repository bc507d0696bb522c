package dev.baton.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.conversation.Author;
import dev.baton.conversation.Citation;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Role;
import dev.baton.event.AgentJoined;
import dev.baton.event.ConversationEvent;
import dev.baton.event.CsatSubmitted;
import dev.baton.event.FeedbackGiven;
import dev.baton.event.HandedOff;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.event.Reopened;
import dev.baton.event.Resolved;
import dev.baton.handoff.HandoffContext;
import dev.baton.handoff.Priority;
import dev.baton.handoff.Reason;
import dev.baton.testing.TestHandoffs;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The KPIs over a scripted set of conversations whose right answers were worked out by hand. The range is 10 and 11
 * March 2026 in Paris (UTC+1 then), so [2026-03-09T23:00Z, 2026-03-11T23:00Z).
 */
class KpiCalculatorTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final KpiRange RANGE = new KpiRange(LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-11"),
            PARIS);
    /** Every conversation's 24-hour window has passed by now except c9's (its last message was 16 h ago). */
    private static final Instant NOW = Instant.parse("2026-03-12T12:00:00Z");

    private static final Author ANA = new Author(Role.AGENT, "Ana Ortiz", null, "ana");
    private static final Author BEN = new Author(Role.AGENT, "Ben Okafor", null, "ben");
    private static final Citation POINTS = new Citation("art-points", "Earning points", "/kb/art-points");
    private static final Citation EXPIRY = new Citation("art-expiry", "When points expire", "/kb/art-expiry");
    private static final Citation TIERS = new Citation("art-tiers", "Tiers, explained", "/kb/art-tiers");

    /** A conversation's log, written event by event at given times (the time becomes the stream id, as in Redis). */
    private static final class Log {
        final String id;
        final List<LoggedEvent> events = new ArrayList<>();
        int counter;

        Log(String id) {
            this.id = id;
        }

        /** Appends at the time and returns the event's seq. */
        String at(String isoTime, ConversationEvent event) {
            String seq = Instant.parse(isoTime).toEpochMilli() + "-" + counter++;
            events.add(new LoggedEvent(seq, "test", event));
            return seq;
        }

        String customer(String time, String text) {
            return at(time, new MessageCreated(id, Author.customer(), text, List.of(), null, null));
        }

        String bot(String time, Citation... cited) {
            return at(time, new MessageCreated(id, Author.bot("Baton"), "An answer", List.of(cited), 0.9, null));
        }

        String agent(String time, Author agent) {
            return at(time, new MessageCreated(id, agent, "Hello, I am on it", List.of(), null, null));
        }

        /** An agent's reply sent with these reply-coach hints open (null: sent before the coach existed). */
        void coachedReply(String time, Author agent, List<String> hints) {
            at(time, new MessageCreated(id, agent, "A reply", List.of(), null, null, List.of(), hints));
        }

        void feedback(String time, String botSeq, boolean helpful) {
            at(time, new FeedbackGiven(id, botSeq, helpful));
        }

        void handoff(String time, Reason reason) {
            HandoffContext base = TestHandoffs.context("visitor-" + id);
            at(time, new HandedOff(id, new HandoffContext(Customer.visitor("visitor-" + id, "en"), List.of(), reason,
                    "test", List.of(), List.of(), List.of(), List.of(), base.details(), base.summary(),
                    Priority.NORMAL, 1L), "billing", TestHandoffs.AVAILABLE));
        }

        void joined(String time, Author agent) {
            at(time, new AgentJoined(id, agent, agent.id()));
        }

        void resolved(String time, String by) {
            at(time, new Resolved(id, by));
        }
    }

    private static List<List<LoggedEvent>> scriptedConversations() {
        // c1 (10 Mar): the bot answered, the customer said it helped and left: bot-resolved (idle for days).
        Log c1 = new Log("c1");
        c1.customer("2026-03-10T09:00:00Z", "How do I earn points?");
        String c1Answer = c1.bot("2026-03-10T09:00:05Z", POINTS);
        c1.feedback("2026-03-10T09:01:00Z", c1Answer, true);

        // c2 (10 Mar): the first answer helped, the second did not: not bot-resolved, never handed off.
        Log c2 = new Log("c2");
        c2.customer("2026-03-10T10:00:00Z", "When do points expire?");
        String c2First = c2.bot("2026-03-10T10:00:05Z", EXPIRY);
        c2.feedback("2026-03-10T10:01:00Z", c2First, true);
        c2.customer("2026-03-10T10:02:00Z", "And the tiers?");
        String c2Second = c2.bot("2026-03-10T10:02:05Z", TIERS);
        c2.feedback("2026-03-10T10:03:00Z", c2Second, false);

        // c3 (10 Mar): refund, handed off at 11:00:01, Ana's first reply 3 minutes later, resolved by Ana at 11:10,
        // rated 5.
        Log c3 = new Log("c3");
        c3.customer("2026-03-10T11:00:00Z", "I want a refund");
        c3.handoff("2026-03-10T11:00:01Z", Reason.REFUND);
        c3.joined("2026-03-10T11:00:02Z", ANA);
        c3.agent("2026-03-10T11:03:01Z", ANA);
        c3.resolved("2026-03-10T11:10:00Z", "ana");
        c3.at("2026-03-10T11:11:00Z", new CsatSubmitted("c3", 5, "Great"));

        // c4 (10 Mar): the bot answered, then the customer asked for a person (handoff at 12:01:01); Ben replied
        // 10 minutes later, resolved at 12:30, rated 2.
        Log c4 = new Log("c4");
        c4.customer("2026-03-10T12:00:00Z", "Hi");
        c4.bot("2026-03-10T12:00:05Z", POINTS);
        c4.customer("2026-03-10T12:01:00Z", "Let me talk to a person");
        c4.handoff("2026-03-10T12:01:01Z", Reason.HUMAN_REQUESTED);
        c4.joined("2026-03-10T12:02:00Z", BEN);
        c4.agent("2026-03-10T12:11:01Z", BEN);
        c4.resolved("2026-03-10T12:30:00Z", "ben");
        c4.at("2026-03-10T12:31:00Z", new CsatSubmitted("c4", 2, null));

        // c5 (10 Mar): the bot answered and resolved it at 13:05; the customer came back 7 hours later: not
        // bot-resolved (a return within 24 h).
        Log c5 = new Log("c5");
        c5.customer("2026-03-10T13:00:00Z", "Where are my points?");
        c5.bot("2026-03-10T13:00:05Z", EXPIRY);
        c5.resolved("2026-03-10T13:05:00Z", "bot");
        c5.at("2026-03-10T20:00:00Z", new Reopened("c5", "customer"));
        c5.customer("2026-03-10T20:00:00Z", "Still missing");
        c5.bot("2026-03-10T20:00:05Z");

        // c6 (11 Mar): bot answer that helped, resolved by the bot at 08:02, rated 4 (credited to no agent):
        // bot-resolved, settled 28 h before NOW.
        Log c6 = new Log("c6");
        c6.customer("2026-03-11T08:00:00Z", "What tiers are there?");
        String c6Answer = c6.bot("2026-03-11T08:00:05Z", TIERS);
        c6.feedback("2026-03-11T08:00:30Z", c6Answer, true);
        c6.resolved("2026-03-11T08:02:00Z", "bot");
        c6.at("2026-03-11T08:03:00Z", new CsatSubmitted("c6", 4, null));

        // c7: 23:30 UTC on 9 March is 00:30 on 10 March in Paris, so it is in the range; refund handoff nobody
        // answered (no first-reply sample).
        Log c7 = new Log("c7");
        c7.customer("2026-03-09T23:30:00Z", "Refund please");
        c7.handoff("2026-03-09T23:30:01Z", Reason.REFUND);

        // c8: 12 March, outside the range: a complaint Ana took and answered, a "no" on an article. Counts nowhere.
        Log c8 = new Log("c8");
        c8.customer("2026-03-12T09:00:00Z", "This is a scandal");
        String c8Answer = c8.bot("2026-03-12T09:00:05Z", POINTS);
        c8.feedback("2026-03-12T09:00:10Z", c8Answer, false);
        c8.handoff("2026-03-12T09:00:20Z", Reason.COMPLAINT);
        c8.joined("2026-03-12T09:00:30Z", ANA);
        c8.agent("2026-03-12T09:01:00Z", ANA);

        // c9 (11 Mar, 21:00 Paris): answered by the bot 16 h before NOW: pending, not yet bot-resolved.
        Log c9 = new Log("c9");
        c9.customer("2026-03-11T20:00:00Z", "Do points expire?");
        c9.bot("2026-03-11T20:00:05Z", EXPIRY);

        // c10: only a bot greeting, no customer message: not a conversation for the KPIs.
        Log c10 = new Log("c10");
        c10.bot("2026-03-10T15:00:00Z");

        return List.of(c1.events, c2.events, c3.events, c4.events, c5.events, c6.events, c7.events, c8.events,
                c9.events, c10.events);
    }

    private final Kpis kpis = KpiCalculator.compute(scriptedConversations(), RANGE, NOW);

    @Test
    void conversations_are_counted_on_the_day_of_their_first_customer_message_in_the_zone() {
        // c1..c7 and c9; c8 is after the range, c10 has no customer message.
        assertEquals(8, kpis.summary().conversations());
        // 10 Mar: c1, c2, c3, c4, c5 and c7 (00:30 Paris); 11 Mar: c6, c9.
        assertEquals(List.of(new Kpis.Day("2026-03-10", 6, 1, 3), new Kpis.Day("2026-03-11", 2, 1, 0)),
                kpis.days());
    }

    @Test
    void the_bot_resolution_rate_leaves_out_help_that_failed_people_returns_and_pending_ones() {
        assertEquals(2, kpis.summary().botResolved(), "c1 (idle) and c6 (resolved by the bot)");
        assertEquals(1, kpis.summary().botPending(), "c9: its 24 hours are not over");
        assertEquals(2.0 / 7, kpis.summary().botResolutionRate(), 1e-9, "2 of the 8 - 1 pending");
    }

    @Test
    void the_same_conversation_becomes_bot_resolved_once_its_24_hours_are_over() {
        Kpis later = KpiCalculator.compute(scriptedConversations(), RANGE, Instant.parse("2026-03-12T20:00:06Z"));

        assertEquals(3, later.summary().botResolved(), "c9 is settled 24 h after its last message");
        assertEquals(0, later.summary().botPending());
        assertEquals(3.0 / 8, later.summary().botResolutionRate(), 1e-9);
    }

    @Test
    void handoffs_are_counted_once_per_conversation_by_their_first_reason() {
        assertEquals(3, kpis.summary().handedOff(), "c3, c4, c7");
        assertEquals(3.0 / 8, kpis.summary().handoffRate(), 1e-9);
        // refund: c3, c7; human_requested: c4; c8's complaint is outside the range.
        assertEquals(List.of(new Kpis.ReasonCount("refund", 2, 2.0 / 8),
                new Kpis.ReasonCount("human_requested", 1, 1.0 / 8)), kpis.handoffReasons());
    }

    @Test
    void first_human_reply_and_resolution_times_use_nearest_rank_percentiles() {
        // Samples 180 s (c3) and 600 s (c4); c7 was never answered. Median rank ceil(0.5*2)=1, p90 rank ceil(1.8)=2.
        assertEquals(new Kpis.Timing(2, 180_000L, 600_000L), kpis.firstHumanReply());
        // First customer message to first Resolved: c6 120 s, c5 300 s, c3 600 s, c4 1800 s.
        // Median rank ceil(0.5*4)=2 -> 300 s; p90 rank ceil(3.6)=4 -> 1800 s.
        assertEquals(new Kpis.Timing(4, 300_000L, 1_800_000L), kpis.resolution());
    }

    @Test
    void csat_has_its_average_and_distribution() {
        // Ratings 5 (c3), 2 (c4), 4 (c6): (5 + 2 + 4) / 3.
        assertEquals(3, kpis.csat().count());
        assertEquals(11.0 / 3, kpis.csat().average(), 1e-9);
        assertEquals(List.of(0, 1, 0, 1, 1), kpis.csat().distribution().stream().map(Kpis.RatingCount::count)
                .toList());
    }

    @Test
    void article_helpfulness_counts_the_answers_on_the_messages_that_cited_them() {
        // Answers citing each article in range: art-expiry in c2, c5 and c9; art-tiers in c2 and c6; art-points in
        // c1 and c4 (c8 is out of range). Votes: art-tiers yes in c6, no in c2; art-expiry yes in c2; art-points yes
        // in c1 (c8's "no" is out of range, and c4's citation got no answer). Most answers first, then most votes.
        assertEquals(List.of(new Kpis.ArticleFeedback("art-expiry", "When points expire", 3, 1, 0),
                new Kpis.ArticleFeedback("art-tiers", "Tiers, explained", 2, 1, 1),
                new Kpis.ArticleFeedback("art-points", "Earning points", 2, 1, 0)), kpis.articles());
    }

    @Test
    void each_agent_has_their_conversations_first_response_and_csat() {
        // Ana: c3 only (c8 is outside the range), first reply 180 s, rated 5. Ben: c4, 600 s, rated 2.
        // c6's rating 4 was for the bot and is credited to nobody.
        assertEquals(List.of(new Kpis.AgentKpis("ana", "Ana Ortiz", 1, 1, 180_000L, 1, 5.0),
                new Kpis.AgentKpis("ben", "Ben Okafor", 1, 1, 600_000L, 1, 2.0)), kpis.agents());
    }

    @Test
    void an_empty_range_has_zero_counts_and_no_rates() {
        Kpis empty = KpiCalculator.compute(scriptedConversations(),
                new KpiRange(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-03"), PARIS), NOW);

        assertEquals(0, empty.summary().conversations());
        assertNull(empty.summary().botResolutionRate());
        assertNull(empty.firstHumanReply().medianMillis());
        assertNull(empty.csat().average());
        assertEquals(3, empty.days().size(), "every day of the range, even with nothing in it");
    }

    @Test
    void nearest_rank_percentiles_pick_an_observed_value() {
        List<Long> ten = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertEquals(5L, Percentiles.of(ten, 50));
        assertEquals(9L, Percentiles.of(ten, 90));
        assertEquals(7L, Percentiles.of(List.of(7L), 90));
        assertNull(Percentiles.of(List.of(), 50));
    }

    @Test
    void a_range_is_refused_when_reversed_too_long_or_unreadable() {
        var reversed = assertThrows(IllegalArgumentException.class, () -> KpiRange.parse("2026-03-02", "2026-03-01",
                "UTC"));
        var tooLong = assertThrows(IllegalArgumentException.class, () -> KpiRange.parse("2025-01-01", "2026-01-02",
                "UTC"));
        var badDate = assertThrows(IllegalArgumentException.class, () -> KpiRange.parse("2026-02-30", "2026-03-01",
                "UTC"));
        var badZone = assertThrows(IllegalArgumentException.class, () -> KpiRange.parse("2026-03-01", "2026-03-01",
                "Mars/Olympus"));

        assertTrue(reversed.getMessage().contains("before"), reversed.getMessage());
        assertTrue(tooLong.getMessage().contains("366"), tooLong.getMessage());
        assertTrue(badDate.getMessage().contains("'from'"), badDate.getMessage());
        assertTrue(badZone.getMessage().contains("Mars/Olympus"), badZone.getMessage());
        assertEquals(366, KpiRange.parse("2024-01-01", "2024-12-31", "UTC").days(), "a leap year fits");
    }

    @Test
    void csv_quotes_text_and_writes_seconds() {
        String agents = KpiCsv.AGENTS.render(kpis);
        String times = KpiCsv.RESPONSE_TIMES.render(kpis);

        assertEquals("agent_id,name,conversations,first_replies,median_first_response_seconds,csat_count,"
                + "csat_average\r\nana,Ana Ortiz,1,1,180,1,5\r\nben,Ben Okafor,1,1,600,1,2\r\n", agents);
        assertEquals("metric,count,median_seconds,p90_seconds\r\nfirst_human_reply,2,180,600\r\n"
                + "resolution,4,300,1800\r\n", times);
        assertTrue(KpiCsv.ARTICLES.render(kpis).contains("art-tiers,\"Tiers, explained\",2,1,1\r\n"));
    }

    @Test
    void the_reply_coach_share_counts_the_replies_it_read_and_each_hint() {
        Log early = new Log("r1");
        early.customer("2026-03-10T09:00:00Z", "Remove the invoice, please");
        early.coachedReply("2026-03-10T09:01:00Z", ANA, null); // before the coach: not read, not counted
        early.coachedReply("2026-03-10T09:02:00Z", ANA, List.of("greeting", "next_step"));
        early.coachedReply("2026-03-10T09:03:00Z", ANA, List.of());
        Log later = new Log("r2");
        later.customer("2026-03-11T09:00:00Z", "Cancel my plan");
        later.coachedReply("2026-03-11T09:01:00Z", BEN, List.of("next_step"));
        Log outside = new Log("r3");
        outside.customer("2026-03-12T09:00:00Z", "Hello?");
        outside.coachedReply("2026-03-12T09:01:00Z", BEN, List.of("disowning"));

        Kpis coached = KpiCalculator.compute(List.of(early.events, later.events, outside.events), RANGE, NOW);

        Kpis.ReplyCoaching coach = coached.replyCoach();
        assertEquals(3, coach.replies());
        assertEquals(2, coach.withHints());
        assertEquals(2.0 / 3, coach.withHintsShare(), 1e-9);
        assertEquals(List.of(new Kpis.HintCount("next_step", 2, 2.0 / 3), new Kpis.HintCount("greeting", 1, 1.0 / 3)),
                coach.hints());
        assertEquals("hint,replies,share_of_replies\r\nany,2,0.6667\r\nnext_step,2,0.6667\r\n"
                + "greeting,1,0.3333\r\n", KpiCsv.REPLY_COACH.render(coached));
        Kpis none = KpiCalculator.compute(List.of(), RANGE, NOW);
        assertEquals(new Kpis.ReplyCoaching(0, 0, null, List.of()), none.replyCoach());
        assertEquals("hint,replies,share_of_replies\r\nany,0,\r\n", KpiCsv.REPLY_COACH.render(none));
    }
}
