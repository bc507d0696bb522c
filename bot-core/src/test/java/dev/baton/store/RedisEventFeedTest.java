package dev.baton.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.conversation.Author;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationWrite;
import dev.baton.conversation.Owner;
import dev.baton.event.EventBus;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisEventFeedTest {
    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final RedisConversationStore store = new RedisConversationStore(redis, keys, Json.newMapper());
    private final EventBus bus = new EventBus();
    private final BlockingQueue<LoggedEvent> heard = new LinkedBlockingQueue<>();
    private final RedisEventFeed feed = new RedisEventFeed(redis, keys, Json.newMapper(), bus);

    @AfterEach
    void cleanUp() {
        feed.close();
        TestRedis.clean(redis, keys);
        redis.close();
    }

    @Test
    void every_event_stored_after_start_reaches_the_bus_in_order_with_its_origin() throws InterruptedException {
        store.create(new Conversation("c1", "v", Owner.BOT, 0, null, null), "h", Duration.ofHours(1));
        store.write(ConversationWrite.of("c1", new MessageCreated("c1", Author.customer(), "before start", List.of(), null, null)), "n");
        bus.subscribe(heard::add);
        feed.start();

        for (int i = 0; i < 50; i++) {
            store.write(ConversationWrite.of("c1", new MessageCreated("c1", Author.customer(), "m" + i, List.of(), null, null)), "node-" + i % 2);
        }

        for (int i = 0; i < 50; i++) {
            LoggedEvent event = heard.poll(5, TimeUnit.SECONDS);
            assertEquals("m" + i, ((MessageCreated) event.event()).text());
            assertEquals("node-" + i % 2, event.origin());
        }
        assertNull(heard.poll(200, TimeUnit.MILLISECONDS), "the event stored before start is not replayed");
    }

    @Test
    void a_listener_that_throws_does_not_stop_the_others() throws InterruptedException {
        store.create(new Conversation("c2", "v", Owner.BOT, 0, null, null), "h", Duration.ofHours(1));
        bus.subscribe(event -> {
            throw new IllegalStateException("broken listener");
        });
        bus.subscribe(heard::add);
        feed.start();

        store.write(ConversationWrite.of("c2", new MessageCreated("c2", Author.customer(), "still delivered", List.of(), null, null)), "n");

        assertEquals("still delivered", ((MessageCreated) heard.poll(5, TimeUnit.SECONDS).event()).text());
    }

    @Test
    void is_alive_while_it_reads_and_not_while_a_listener_holds_it_up_or_after_it_stopped()
            throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        // A listener that blocks (listeners must not) holds the feed's thread: it stops finishing reads.
        bus.subscribe(event -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        store.create(new Conversation("c1", "v", Owner.BOT, 0, null, null), "h", Duration.ofHours(1));
        feed.start();
        Duration stall = Duration.ofMillis(2500);
        assertTrue(feed.alive(stall), "just started");

        store.write(ConversationWrite.of("c1", new MessageCreated("c1", Author.customer(), "blocks", List.of(), null,
                null)), "n");
        await("stuck").atMost(Duration.ofSeconds(10)).until(() -> !feed.alive(stall));
        release.countDown();
        await("reading again").atMost(Duration.ofSeconds(10)).until(() -> feed.alive(stall));
        feed.close();
        assertFalse(feed.alive(stall), "stopped");
    }
}
