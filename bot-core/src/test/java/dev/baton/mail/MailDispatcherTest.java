package dev.baton.mail;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.baton.conversation.Author;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.ConversationWrite;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Role;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MailBounced;
import dev.baton.event.MailSent;
import dev.baton.event.MessageCreated;
import dev.baton.store.Json;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisCustomerPresence;
import dev.baton.store.RedisKeys;
import dev.baton.store.RedisMailOutbox;
import dev.baton.store.RedisRoutingStore;
import dev.baton.testing.TestRedis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Retries with backoff against a real SMTP server (GreenMail) that is not there at first, and the bounce Baton
 * records when it gives up; on a real Redis.
 */
class MailDispatcherTest {
    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final RedisConversationStore store = new RedisConversationStore(redis, keys, Json.newMapper());
    private final int port = TestRedis.freePort();
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable part : started) {
            part.close();
        }
        TestRedis.clean(redis, keys);
        redis.close();
    }

    private MailDispatcher dispatcher(List<Duration> backoff) {
        return dispatcher(backoff, new RedisMailOutbox(redis, keys, Json.newMapper()));
    }

    private MailDispatcher dispatcher(List<Duration> backoff, MailOutbox outbox) {
        var settings = new MailSettings("smtp://127.0.0.1:" + port, "Support <support@perkful.example>", null,
                Duration.ZERO, Duration.ZERO, "a-secret-of-thirty-two-characters!!", null, "https://shop.example/");
        var dispatcher = new MailDispatcher(outbox, store,
                new RedisRoutingStore(redis, keys, Json.newMapper()), new RedisCustomerPresence(redis, keys,
                        Clock.systemUTC()), settings, new MailTokens(settings.secret()), () -> "http://baton.test",
                Clock.systemUTC(), "test", backoff, Duration.ofMillis(50));
        started.add(dispatcher);
        dispatcher.start();
        return dispatcher;
    }

    /** A conversation whose customer left {@code email}, with one reply of an agent's, handed to the dispatcher. */
    private String agentReplied(MailDispatcher dispatcher, String email) throws InterruptedException {
        var service = new ConversationService(store, "test", Clock.systemUTC());
        String id = service.start("v1", "en", Customer.visitor("v1", "en").withEmail(email)).conversation().id();
        agentReplies(dispatcher, id, "Your refund is on its way.");
        return id;
    }

    /** Another reply of the agent's in the conversation, handed to the dispatcher; its seq. */
    private String agentReplies(MailDispatcher dispatcher, String conversationId, String text)
            throws InterruptedException {
        var reply = new MessageCreated(conversationId, new Author(Role.AGENT, "Ana Ortiz", null, "agent-1"), text,
                List.of(), null, null);
        String seq = store.write(ConversationWrite.of(conversationId, reply), "test").seq();
        CountDownLatch done = new CountDownLatch(1);
        dispatcher.take(new LoggedEvent(seq, "test", reply), done::countDown);
        assertTrue(done.await(5, TimeUnit.SECONDS), "scheduled");
        return seq;
    }

    private List<MailSent> sent(String conversationId) {
        List<MailSent> sent = new ArrayList<>();
        for (LoggedEvent logged : store.eventsAfter(conversationId, null)) {
            if (logged.event() instanceof MailSent mail) {
                sent.add(mail);
            }
        }
        return sent;
    }

    private <T> Optional<T> eventually(String conversationId, Class<T> type, long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        do {
            for (LoggedEvent logged : store.eventsAfter(conversationId, null)) {
                if (type.isInstance(logged.event())) {
                    return Optional.of(type.cast(logged.event()));
                }
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < until);
        return Optional.empty();
    }

    @Test
    void a_mail_that_finds_no_server_is_tried_again_and_sent_once_when_the_server_is_back() throws Exception {
        var dispatcher = dispatcher(List.of(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(300),
                Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(300)));
        String id = agentReplied(dispatcher, "kim@example.com");
        Thread.sleep(700); // a first attempt or two meet a closed port
        assertTrue(eventually(id, MailSent.class, 0).isEmpty(), "nothing sent without a server");
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        started.add(smtp::stop);
        smtp.start();

        MailSent sent = eventually(id, MailSent.class, 10_000).orElseThrow();
        assertEquals("kim@example.com", sent.to());
        assertEquals(1, sent.seqs().size());
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        Thread.sleep(800);
        assertEquals(1, smtp.getReceivedMessages().length, "sent once");
        assertEquals("Ana Ortiz via Support", smtp.getReceivedMessages()[0].getFrom()[0].toString()
                .replaceAll(" <.*", ""));
    }

    @Test
    void an_smtp_server_that_hangs_keeps_leased_no_more_mail_than_the_senders_can_send_within_the_lease()
            throws Exception {
        // Accepts connections and never greets: every attempt holds its sender for the whole SMTP timeout.
        ServerSocket hanging = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(hanging.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        started.add(() -> {
            hanging.close();
            for (Socket socket : held) {
                socket.close();
            }
        });
        var dispatcher = dispatcher(List.of(Duration.ofSeconds(30)));
        for (int i = 0; i < 3 * MailDispatcher.HELD_ATTEMPTS; i++) {
            agentReplied(dispatcher, "customer" + i + "@example.com");
        }

        await().atMost(Duration.ofSeconds(5))
                .until(() -> held.size() == 2 && leased() >= MailDispatcher.HELD_ATTEMPTS);
        // The rest stays due for any other node, however many looks for due mail this one makes meanwhile.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> leased() == MailDispatcher.HELD_ATTEMPTS);
        assertTrue(dispatcher.alive());
    }

    /** How many mails are leased: due again only at the end of a lease, a minute from now. */
    private long leased() {
        return redis.zcount(keys.mailDue(), System.currentTimeMillis() + 30_000, Double.POSITIVE_INFINITY);
    }

    @Test
    void a_mail_given_up_on_is_shown_as_bounced_with_the_last_error() throws Exception {
        var dispatcher = dispatcher(List.of(Duration.ofMillis(100), Duration.ofMillis(100)));
        String id = agentReplied(dispatcher, "lee@example.com");

        MailBounced bounced = eventually(id, MailBounced.class, 10_000).orElseThrow();
        assertEquals("lee@example.com", bounced.to());
        assertTrue(bounced.reason().startsWith("not sent after 3 attempts"), bounced.reason());
        assertNotNull(bounced.mailId());
        assertTrue(eventually(id, MailSent.class, 500).isEmpty());
    }

    @Test
    void a_reply_that_comes_while_an_email_is_being_sent_goes_in_the_next_one() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        started.add(smtp::stop);
        smtp.start();
        var outbox = new RedisMailOutbox(redis, keys, Json.newMapper());
        AtomicReference<Runnable> whileSending = new AtomicReference<>();
        // The reply comes after the email was written and before its mail is over: it finds that mail pending.
        MailOutbox racing = new MailOutbox() {
            @Override
            public boolean schedule(PendingMail mail, long dueAt) {
                return outbox.schedule(mail, dueAt);
            }

            @Override
            public List<PendingMail> takeDue(long now, Duration lease, int limit) {
                return outbox.takeDue(now, lease, limit);
            }

            @Override
            public void retry(PendingMail mail, long dueAt) {
                outbox.retry(mail, dueAt);
            }

            @Override
            public void finish(String mailId) {
                Runnable reply = whileSending.getAndSet(null);
                if (reply != null) {
                    reply.run();
                }
                outbox.finish(mailId);
            }

            @Override
            public String sharedSecret() {
                return outbox.sharedSecret();
            }
        };
        var dispatcher = dispatcher(List.of(), racing);
        List<String> late = new CopyOnWriteArrayList<>();
        var service = new ConversationService(store, "test", Clock.systemUTC());
        String id = service.start("v1", "en", Customer.visitor("v1", "en").withEmail("max@example.com"))
                .conversation().id();
        whileSending.set(() -> {
            try {
                late.add(agentReplies(dispatcher, id, "One more thing: keep the receipt."));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        agentReplies(dispatcher, id, "Your refund is on its way.");

        await().atMost(Duration.ofSeconds(10)).until(() -> sent(id).size() == 2);
        assertEquals(late, sent(id).get(1).seqs(), "the late reply is mailed, not lost");
    }

    @Test
    void the_next_email_has_only_the_replies_not_mailed_or_bounced_before_as_the_log_tells() throws Exception {
        var dispatcher = dispatcher(List.of());
        String id = agentReplied(dispatcher, "jo@example.com");
        eventually(id, MailBounced.class, 10_000).orElseThrow(); // no server: the first reply bounced
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        started.add(smtp::stop);
        smtp.start();

        String second = agentReplies(dispatcher, id, "It arrived yesterday.");
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(id).size() == 1);
        assertEquals(List.of(second), sent(id).get(0).seqs(), "the bounced reply is not mailed again");
        String third = agentReplies(dispatcher, id, "Anything else?");
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(id).size() == 2);
        assertEquals(List.of(third), sent(id).get(1).seqs());
        assertFalse(redis.exists(keys.namespace() + ":mail:through"), "nothing kept beside the log");
    }
}
