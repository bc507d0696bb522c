package dev.baton.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.Role;
import dev.baton.detect.MessageAnalyzer;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageAnalyzed;
import dev.baton.event.MessageCreated;
import dev.baton.handoff.HandoffPolicy;
import dev.baton.handoff.HandoffService;
import dev.baton.kb.Answerer;
import dev.baton.kb.ArticleLinks;
import dev.baton.store.RedisContentGaps;
import dev.baton.store.RedisKeys;
import dev.baton.testing.TestBotParts;
import dev.baton.testing.TestStores;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * A customer message is answered once, however many workers take it: two nodes given the same event, or the event
 * handed out again while the first worker is still slow at it. The real store decides, on a real Redis.
 */
class BotTurnsOnceTest {
    private static final Answerer answerer = TestBotParts.answerer();
    private static final MessageAnalyzer analyzer = TestBotParts.analyzer();

    private final TestStores stores = new TestStores();
    private final RedisClient redis = stores.redis;
    private final RedisKeys keys = stores.keys;
    private final ObjectMapper json = stores.json;
    private final ConversationService conversations = stores.conversations;
    private final HandoffService handoffs = stores.handoffs;
    private final List<SupportBot> bots = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        bots.forEach(SupportBot::close);
        stores.close();
    }

    private SupportBot bot(ArticleLinks links) {
        SupportBot bot = new SupportBot(conversations, answerer, analyzer, HandoffPolicy.DEFAULT, handoffs, links,
                "Baton", 2, new RedisContentGaps(redis, keys, json));
        bots.add(bot);
        return bot;
    }

    /** A conversation with one customer question; the event the workers are given. */
    private LoggedEvent question(String conversationId) {
        var started = conversations.start("visitor-" + conversationId, "en");
        String id = started.conversation().id();
        String seq = conversations.addCustomerMessage(id, "m-1", "is there a cancellation fee?").seq();
        return conversations.eventsAfter(id, null).stream().filter(e -> e.seq().equals(seq)).findFirst()
                .orElseThrow();
    }

    private long botMessages(String conversationId) {
        return conversations.eventsAfter(conversationId, null).stream()
                .filter(e -> e.event() instanceof MessageCreated created && created.author().role() == Role.BOT)
                .count();
    }

    private long analyses(String conversationId) {
        return conversations.eventsAfter(conversationId, null).stream()
                .filter(e -> e.event() instanceof MessageAnalyzed).count();
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertTrue(latch.await(20, TimeUnit.SECONDS), what);
    }

    @Test
    void two_workers_given_the_same_message_answer_it_once() throws InterruptedException {
        LoggedEvent asked = question("twice");
        CountDownLatch done = new CountDownLatch(2);

        bot(id -> "https://help.example/kb/" + id).take(asked, done::countDown);
        bot(id -> "https://help.example/kb/" + id).take(asked, done::countDown);

        await(done, "both workers finished");
        assertEquals(1, botMessages(asked.conversationId()), "one reply");
        assertEquals(1, analyses(asked.conversationId()), "one analysis");
    }

    @Test
    void a_message_handed_out_again_while_the_first_worker_is_slow_is_answered_once() throws InterruptedException {
        LoggedEvent asked = question("slow");
        CountDownLatch slowWorkerIsAnswering = new CountDownLatch(1);
        CountDownLatch letItFinish = new CountDownLatch(1);
        CountDownLatch firstDone = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        SupportBot slow = bot(articleId -> {
            slowWorkerIsAnswering.countDown();
            try {
                letItFinish.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "https://help.example/kb/" + articleId;
        });

        slow.take(asked, firstDone::countDown);
        await(slowWorkerIsAnswering, "the first worker got as far as its answer");
        bot(id -> "https://help.example/kb/" + id).take(asked, secondDone::countDown);
        await(secondDone, "the second worker finished");
        letItFinish.countDown();
        await(firstDone, "the first worker finished");

        assertEquals(1, botMessages(asked.conversationId()), "one reply");
        assertEquals(1, analyses(asked.conversationId()), "one analysis");
    }
}
