package dev.baton.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.Author;
import dev.baton.conversation.Citation;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.Owner;
import dev.baton.conversation.Role;
import dev.baton.detect.MessageAnalyzer;
import dev.baton.event.HandedOff;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageAnalyzed;
import dev.baton.event.MessageCreated;
import dev.baton.handoff.HandoffPolicy;
import dev.baton.handoff.HandoffService;
import dev.baton.handoff.Priority;
import dev.baton.handoff.Reason;
import dev.baton.kb.AnswerPolicy;
import dev.baton.kb.Answerer;
import dev.baton.store.RedisContentGaps;
import dev.baton.store.RedisKeys;
import dev.baton.testing.TestBotParts;
import dev.baton.testing.TestStores;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * One bot turn at a time, with the real retrieval and detectors and the real conversation store on a real Redis:
 * what the bot decides is only written if the store's atomic owner check lets it, so the test reads what was stored.
 */
class SupportBotTest {
    private static final Answerer answerer = TestBotParts.answerer();
    private static final MessageAnalyzer analyzer = TestBotParts.analyzer();

    private final TestStores stores = new TestStores();
    private final RedisClient redis = stores.redis;
    private final RedisKeys keys = stores.keys;
    private final ObjectMapper json = stores.json;
    private final ConversationService conversations = stores.conversations;
    private final HandoffService handoffs = stores.handoffs;
    private final RedisContentGaps gaps = new RedisContentGaps(redis, keys, json);
    private final SupportBot bot = new SupportBot(conversations, answerer, analyzer, HandoffPolicy.DEFAULT, handoffs,
            id -> "https://help.example/kb/" + id, "Baton", 2, gaps);
    private final String conversationId = conversations.start("visitor-1", "en").conversation().id();
    private int clientMessages;

    @AfterEach
    void cleanUp() {
        bot.close();
        stores.close();
    }

    /** The customer writes; the bot is given the stored event and the test waits until it acknowledges the turn. */
    private String customerSays(String text) throws InterruptedException {
        String seq = conversations.addCustomerMessage(conversationId, "m-" + ++clientMessages, text).seq();
        take(events().stream().filter(e -> e.seq().equals(seq)).findFirst().orElseThrow());
        return seq;
    }

    private void take(LoggedEvent event) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        bot.take(event, done::countDown);
        assertTrue(done.await(20, TimeUnit.SECONDS), "the turn was acknowledged");
    }

    private List<LoggedEvent> events() {
        return conversations.eventsAfter(conversationId, null);
    }

    /** The bot's messages written after the customer message at {@code seq}. */
    private List<MessageCreated> botRepliesAfter(String seq) {
        return conversations.eventsAfter(conversationId, seq).stream()
                .filter(e -> e.event() instanceof MessageCreated m && m.author().role() == Role.BOT)
                .map(e -> (MessageCreated) e.event()).toList();
    }

    private List<HandedOff> handoffs() {
        return events().stream().filter(e -> e.event() instanceof HandedOff).map(e -> (HandedOff) e.event())
                .toList();
    }

    private Owner owner() {
        return conversations.find(conversationId).orElseThrow().owner();
    }

    @Test
    void a_question_about_a_policy_is_answered_with_the_passage_and_its_article() throws InterruptedException {
        String asked = customerSays("is there a cancellation fee?");

        MessageCreated reply = botRepliesAfter(asked).get(0);
        assertEquals("You can cancel your plan yourself at any time. There is no cancellation fee.", reply.text());
        assertEquals(List.of(new Citation("cancel-subscription", "Cancelling your subscription",
                "https://help.example/kb/cancel-subscription")), reply.citations());
        assertTrue(reply.confidence() >= AnswerPolicy.DEFAULT.englishThreshold(), reply::toString);
        assertEquals(List.of(), handoffs());
        assertEquals(Owner.BOT, owner());
    }

    @Test
    void a_refund_request_is_handed_over_at_once_with_high_priority() throws InterruptedException {
        String asked = customerSays("I was charged twice this month, please refund me");

        List<HandedOff> handedOff = handoffs();
        assertEquals(1, handedOff.size(), handedOff::toString);
        assertEquals(Reason.REFUND, handedOff.get(0).context().reason());
        assertEquals(Priority.HIGH, handedOff.get(0).context().priority());
        assertEquals(Owner.WAITING, owner());
        assertTrue(botRepliesAfter(asked).stream().allMatch(m -> m.citations() == null || m.citations().isEmpty()),
                "no article is sent to a customer who asked for their money");
        assertEquals(List.of(), gaps.latest(10), "a refund request is not a missing article");
    }

    @Test
    void says_it_is_not_sure_in_the_customers_language_when_nothing_fits() throws InterruptedException {
        String asked = customerSays("明日の大阪の天気は？");

        MessageCreated reply = botRepliesAfter(asked).get(0);
        assertEquals(BotMessages.notSure("ja"), reply.text());
        assertEquals(List.of(), reply.citations());
        assertTrue(reply.confidence() < AnswerPolicy.DEFAULT.wordThreshold(), reply::toString);
        var gap = gaps.latest(10).get(0);
        assertEquals(List.of("明日の大阪の天気は？", "not_sure", "ja", conversationId),
                List.of(gap.question(), gap.why(), gap.language(), gap.conversationId()));
    }

    @Test
    void the_second_unsure_answer_in_a_row_becomes_a_handoff() throws InterruptedException {
        customerSays("Will it rain in Osaka tomorrow?");
        assertEquals(List.of(), handoffs(), "one unsure answer is not yet a handoff");

        customerSays("Who will win the next football world cup?");

        List<HandedOff> handedOff = handoffs();
        assertEquals(1, handedOff.size(), handedOff::toString);
        assertEquals(Reason.LOW_CONFIDENCE, handedOff.get(0).context().reason());
        assertTrue(gaps.latest(10).stream()
                .anyMatch(gap -> gap.question().equals("Who will win the next football world cup?")));
    }

    @Test
    void stays_quiet_once_a_person_has_the_conversation_but_still_records_what_it_read()
            throws InterruptedException {
        customerSays("I want to talk to a person");
        assertEquals(Owner.WAITING, owner());

        String asked = customerSays("is there a cancellation fee?");

        assertEquals(List.of(), botRepliesAfter(asked), "the acknowledged turn wrote no reply");
        assertTrue(events().stream().anyMatch(e -> e.event() instanceof MessageAnalyzed analyzed
                && analyzed.messageSeq().equals(asked)), "the analysis is there for the agent");
        assertEquals(1, handoffs().size());
    }

    @Test
    void events_with_no_work_are_acknowledged_at_once_and_its_own_replies_left_alone() throws InterruptedException {
        customerSays("is there a cancellation fee?");
        LoggedEvent ownReply = events().stream()
                .filter(e -> e.event() instanceof MessageCreated m && m.author().equals(Author.bot("Baton")))
                .reduce((first, second) -> second).orElseThrow();
        int before = events().size();

        take(ownReply);

        assertEquals(before, events().size(), "nothing was written for the bot's own reply");
    }
}
