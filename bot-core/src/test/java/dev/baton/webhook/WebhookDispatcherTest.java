package dev.baton.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.baton.conversation.Author;
import dev.baton.event.LoggedEvent;
import dev.baton.event.NoteAdded;
import dev.baton.event.Resolved;
import dev.baton.store.Json;
import dev.baton.store.RedisAgentStore;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisKeys;
import dev.baton.store.RedisWebhookStore;
import dev.baton.testing.TestRedis;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Sending, retrying and giving up, with pauses of milliseconds, against a real receiver and Redis. */
class WebhookDispatcherTest {
    /** The receiver listens on the loopback, which only a dispatcher that allows private addresses reaches. */
    private static final WebhookTargets LOCAL_RECEIVER = new WebhookTargets(true, HostResolver.SYSTEM);
    private static final List<Duration> FAST = List.of(Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofMillis(400));

    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final RedisWebhookStore store = new RedisWebhookStore(redis, keys, Json.newMapper());
    private final List<WebhookDispatcher> dispatchers = new ArrayList<>();
    /** The statuses the receiver answers with, in turn; 200 when none is left. */
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final HttpServer receiver;

    WebhookDispatcherTest() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("X-Baton-Delivery"));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        dispatchers.forEach(WebhookDispatcher::close);
        receiver.stop(0);
        TestRedis.clean(redis, keys);
        redis.close();
    }

    private WebhookDispatcher dispatcher() {
        var json = Json.newMapper();
        var dispatcher = new WebhookDispatcher(store, new RedisConversationStore(redis, keys, json),
                new RedisAgentStore(redis, keys, json), json, Clock.systemUTC(), LOCAL_RECEIVER, FAST,
                Duration.ofMillis(50));
        dispatchers.add(dispatcher);
        dispatcher.start();
        return dispatcher;
    }

    private Webhook webhook(String url) {
        var webhook = new Webhook("wh_1", url, WebhookEvents.NAMES, WebhookSignature.newSecret(), true, 1L);
        store.save(webhook);
        return webhook;
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    /** The log once the delivery is over (its newest entry is not "retrying"), newest first. */
    private List<DeliveryAttempt> finishedLog(String webhookId) {
        return await("the delivery finished").atMost(Duration.ofSeconds(10)).until(() -> store.deliveries(webhookId),
                log -> !log.isEmpty() && !log.get(0).outcome().equals(DeliveryAttempt.RETRYING));
    }

    /**
     * Waits until no delivery is pending: from then on nothing more can be sent, since every request comes from the
     * queue. (It leases what it finds, which is fine for a check that expects nothing.)
     */
    private void awaitNothingPending() {
        await("nothing left pending").atMost(Duration.ofSeconds(10))
                .until(() -> store.takeDue(Long.MAX_VALUE, Duration.ofMinutes(1), 10).isEmpty());
    }

    @Test
    void a_failed_delivery_is_retried_until_the_receiver_answers_2xx() throws InterruptedException {
        answers.addAll(List.of(500, 503));
        Webhook webhook = webhook(hookUrl());

        String id = dispatcher().ping(webhook);
        List<DeliveryAttempt> log = finishedLog(webhook.id());

        assertEquals(List.of(3, 2, 1), log.stream().map(DeliveryAttempt::attempt).toList());
        assertEquals(List.of(200, 503, 500), log.stream().map(DeliveryAttempt::status).toList());
        assertEquals(List.of("delivered", "retrying", "retrying"), log.stream().map(DeliveryAttempt::outcome).toList());
        assertTrue(log.get(1).nextRetryAt() >= log.get(1).at() + 100, "the second pause is the longer one");
        assertNull(log.get(0).nextRetryAt());
        assertEquals(List.of(id, id, id), List.of(received.poll(), received.poll(), received.poll()));
        // The last attempt is logged, then finished: wait for the finish rather than race it.
        awaitNothingPending();
    }

    @Test
    void a_delivery_is_given_up_after_the_last_attempt() throws InterruptedException {
        answers.addAll(List.of(500, 500, 500, 500, 500, 500, 500));
        Webhook webhook = webhook(hookUrl());

        dispatcher().ping(webhook);
        List<DeliveryAttempt> log = finishedLog(webhook.id());

        assertEquals(5, log.size(), log::toString);
        assertEquals("failed", log.get(0).outcome());
        assertEquals(5, log.get(0).attempt());
        awaitNothingPending();
        assertEquals(5, received.size(), "no attempt after the last");
    }

    @Test
    void an_unreachable_receiver_is_logged_with_the_error() throws InterruptedException {
        int closedPort = TestRedis.freePort();
        Webhook webhook = webhook("http://127.0.0.1:" + closedPort + "/hook");

        dispatcher().ping(webhook);
        List<DeliveryAttempt> log = finishedLog(webhook.id());

        assertEquals(5, log.size());
        log.forEach(attempt -> {
            assertNull(attempt.status());
            assertTrue(attempt.error() != null && !attempt.error().isBlank(), attempt::toString);
        });
    }

    @Test
    void with_several_nodes_each_delivery_is_sent_once() throws InterruptedException {
        Webhook webhook = webhook(hookUrl());
        var nodes = List.of(dispatcher(), dispatcher(), dispatcher());
        List<String> ids = new ArrayList<>();

        for (int i = 0; i < 30; i++) {
            ids.add(nodes.get(i % 3).ping(webhook));
        }
        await("every delivery received").atMost(Duration.ofSeconds(10)).until(() -> received.size() >= ids.size());
        await("every delivery logged").atMost(Duration.ofSeconds(10))
                .until(() -> store.deliveries(webhook.id()).size() >= ids.size());
        awaitNothingPending();

        List<String> got = new ArrayList<>(received);
        assertEquals(ids.size(), got.size(), "one request per delivery");
        assertEquals(ids.stream().sorted().toList(), got.stream().sorted().toList());
    }

    @Test
    void an_event_goes_only_to_the_active_webhooks_that_hear_it() throws InterruptedException {
        var bodies = new LinkedBlockingQueue<String>();
        receiver.createContext("/resolved", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        store.save(new Webhook("wh_resolved", base + "/resolved", List.of(WebhookEvents.RESOLVED), "s1", true, 1L));
        store.save(new Webhook("wh_csat", hookUrl(), List.of(WebhookEvents.CSAT), "s2", true, 2L));
        store.save(new Webhook("wh_off", hookUrl(), WebhookEvents.NAMES, "s3", false, 3L));
        var done = new CountDownLatch(2);

        var dispatcher = dispatcher();
        dispatcher.take(new LoggedEvent("1700000000000-0", "n", new Resolved("c1", "bot")), done::countDown);
        dispatcher.take(new LoggedEvent("1700000000001-0", "n", new NoteAdded("c1", Author.system(), "x")),
                done::countDown);
        String body = bodies.poll(5, TimeUnit.SECONDS);

        assertTrue(done.await(5, TimeUnit.SECONDS), "both events are done for the work queue");
        assertTrue(body != null && body.contains("\"event\":\"conversation.resolved\"")
                && body.contains("\"conversationId\":\"c1\"") && body.contains("\"by\":\"bot\""), body);
        awaitNothingPending();
        assertEquals(List.of(), store.deliveries("wh_csat"), "nothing was queued for the csat-only webhook");
        assertEquals(List.of(), store.deliveries("wh_off"), "nothing was queued for the disabled webhook");
        assertTrue(received.isEmpty(), "neither the csat-only nor the disabled webhook got anything");
        assertTrue(bodies.isEmpty(), "a note is not a webhook event");
    }

    @Test
    void is_alive_once_it_looks_for_due_deliveries_and_not_after_it_stopped() throws InterruptedException {
        WebhookDispatcher dispatcher = dispatcher();
        await("looking for deliveries every 50 ms").atMost(Duration.ofSeconds(5)).until(dispatcher::alive);

        dispatcher.close();
        assertFalse(dispatcher.alive(), "stopped");
    }

    @Test
    void stays_alive_while_a_hanging_receiver_holds_every_sender() throws Exception {
        CountDownLatch hangUp = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        HttpServer hanging = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hanging.setExecutor(Executors.newCachedThreadPool());
        hanging.createContext("/hang", exchange -> {
            held.incrementAndGet();
            try {
                hangUp.await(30, TimeUnit.SECONDS); // never answers within the dispatcher's 5 s timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        hanging.start();
        try {
            Webhook webhook = webhook("http://127.0.0.1:" + hanging.getAddress().getPort() + "/hang");
            WebhookDispatcher dispatcher = dispatcher();
            for (int i = 0; i < 8; i++) {
                dispatcher.ping(webhook);
            }
            await("both senders wait on the receiver").atMost(Duration.ofSeconds(5)).until(() -> held.get() == 2);
            // Past the 10 s after which a dispatcher that stopped looking for due deliveries is down.
            await("alive while the senders wait on a hanging receiver").during(Duration.ofSeconds(12))
                    .atMost(Duration.ofSeconds(13)).pollInterval(Duration.ofMillis(100)).until(dispatcher::alive);
        } finally {
            hangUp.countDown();
            hanging.stop(0);
            ((ExecutorService) hanging.getExecutor()).shutdownNow();
        }
    }
}
