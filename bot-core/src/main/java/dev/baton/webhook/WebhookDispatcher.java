package dev.baton.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.ConversationStore;
import dev.baton.event.LoggedEvent;
import dev.baton.event.Worker;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentStore;
import dev.baton.work.SenderPool;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the events webhooks hear. As the {@link Worker} of a work queue on the feed it gets each event on one node
 * only; it writes one {@link Delivery} per listening webhook into the {@link WebhookStore} (then the event is done),
 * and every node sends the deliveries that are due, each taken by one node at a time. A delivery that gets no 2xx is
 * tried again after the next pause of {@code backoff} and given up after the last; pending deliveries live in Redis,
 * so a restart or a dead node loses none (a node that dies mid-attempt leaves it to another after a lease of a
 * minute, so a receiver may rarely see one delivery twice: the delivery id tells). Deliveries go only where
 * {@link WebhookTargets} allows, checked on the address each connection is made to; a refused one is logged as
 * {@code refused} and not tried again. No redirect is followed and no proxy is used.
 *
 * <p>Threads: one daemon thread prepares deliveries in event order, one looks for due deliveries, two send. The look
 * has its own thread so that a receiver that hangs (holding the senders for the whole timeout) does not stop it,
 * and {@link #alive()} tells a dispatcher that is stuck from one that waits on slow receivers; it leases no more
 * deliveries than the senders hold room for, so none waits here past its lease. {@link #close()} stops them;
 * attempts in flight are abandoned and taken again after their lease.
 */
public final class WebhookDispatcher implements Worker, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** The pauses before the 2nd, 3rd, ... attempt: five attempts over about a minute and a half. */
    public static final List<Duration> DEFAULT_BACKOFF = List.of(Duration.ofSeconds(1), Duration.ofSeconds(4),
            Duration.ofSeconds(16), Duration.ofSeconds(64));
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration POLL = Duration.ofSeconds(1);
    /**
     * The most attempts this node holds at once, sending or waiting for a sender: two senders send 20 in 50 s at
     * worst (5 s each), within the lease.
     */
    private static final int HELD_ATTEMPTS = 20;
    private static final MediaType JSON = MediaType.get("application/json");

    private final WebhookStore store;
    private final ConversationStore conversations;
    private final AgentStore agents;
    private final ObjectMapper json;
    private final Clock clock;
    private final List<Duration> backoff;
    private final Duration poll;
    private final WebhookTargets targets;
    private final OkHttpClient http;
    private final ExecutorService preparer =
            Executors.newSingleThreadExecutor(SenderPool.daemons("baton-webhook-prepare"));
    private final ScheduledExecutorService drainer =
            Executors.newSingleThreadScheduledExecutor(SenderPool.daemons("baton-webhook-drain"));
    private final SenderPool<Delivery> senders = new SenderPool<>("baton-webhook-send", 2, HELD_ATTEMPTS,
            this::attempt);
    private volatile boolean running = true;
    /** When the last look for due deliveries began (epoch ms); 0 before the first. */
    private volatile long lastDrain;

    public WebhookDispatcher(WebhookStore store, ConversationStore conversations, AgentStore agents, ObjectMapper json,
            Clock clock, WebhookTargets targets) {
        this(store, conversations, agents, json, clock, targets, DEFAULT_BACKOFF, POLL);
    }

    /**
     * @param backoff the pause before each attempt after the first; its size plus one is the number of attempts
     * @param poll how often this node looks for due deliveries besides the ones it scheduled itself
     */
    public WebhookDispatcher(WebhookStore store, ConversationStore conversations, AgentStore agents, ObjectMapper json,
            Clock clock, WebhookTargets targets, List<Duration> backoff, Duration poll) {
        this.store = store;
        this.conversations = conversations;
        this.agents = agents;
        this.json = json;
        this.clock = clock;
        this.backoff = List.copyOf(backoff);
        this.poll = poll;
        this.targets = targets;
        this.http = new OkHttpClient.Builder().dns(targets).proxy(Proxy.NO_PROXY).followRedirects(false)
                .followSslRedirects(false).retryOnConnectionFailure(false).callTimeout(TIMEOUT)
                .connectTimeout(TIMEOUT).build();
    }

    /** Starts looking for due deliveries, among them any a previous run left. */
    public void start() {
        drainer.scheduleWithFixedDelay(this::drain, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends the deliveries an event makes; the event is done once they are stored. */
    @Override
    public void take(LoggedEvent logged, Runnable done) {
        Optional<String> name = WebhookEvents.nameOf(logged.event());
        if (name.isEmpty()) {
            done.run();
            return;
        }
        execute(preparer, () -> {
            try {
                prepare(logged, name.get());
                done.run();
            } catch (RuntimeException e) {
                // Not done: the work queue hands the event out again later.
                log.warn("Could not prepare webhook deliveries of {} {}: {}", name.get(), logged.seq(), e.toString());
            }
        });
    }

    private void prepare(LoggedEvent logged, String event) {
        List<Webhook> targets = store.all().stream().filter(webhook -> webhook.hears(event)).toList();
        if (targets.isEmpty()) {
            return;
        }
        String conversationId = logged.conversationId();
        var data = WebhookPayload.data(logged.event(), conversations.find(conversationId),
                id -> agents.find(id).map(Agent::name).orElse(null));
        for (Webhook webhook : targets) {
            // The same id when the event is prepared twice (a node died before it was done), so it is stored once.
            String id = "dlv_" + UUID.nameUUIDFromBytes((webhook.id() + "/" + conversationId + "/" + logged.seq())
                    .getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
            var payload = new WebhookPayload(id, event, logged.ts(), conversationId, logged.seq(), data);
            store.enqueue(new Delivery(id, webhook.id(), event, conversationId, write(payload), 0), clock.millis());
        }
        execute(drainer, this::drain);
    }

    /** Sends a {@code ping} to the webhook (active or not) and returns the delivery id; the log shows how it went. */
    public String ping(Webhook webhook) {
        String id = "dlv_" + UUID.randomUUID().toString().replace("-", "");
        var payload = new WebhookPayload(id, WebhookEvents.PING, clock.millis(), null, null, WebhookPayload.ping());
        store.enqueue(new Delivery(id, webhook.id(), WebhookEvents.PING, null, write(payload), 0), clock.millis());
        execute(drainer, this::drain);
        return id;
    }

    private void drain() {
        lastDrain = System.currentTimeMillis();
        try {
            senders.takeAndHand(room -> running ? store.takeDue(clock.millis(), LEASE, room) : List.of());
        } catch (RuntimeException e) {
            log.warn("Could not look for due webhook deliveries: {}", e.toString());
        }
    }

    private void attempt(Delivery delivery) {
        try {
            Optional<Webhook> webhook = store.find(delivery.webhookId());
            if (webhook.isEmpty()) {
                store.finish(delivery.id());
                return;
            }
            Delivery tried = delivery.afterAttempt();
            long at = clock.millis();
            if (!webhook.get().active() && !WebhookEvents.PING.equals(delivery.event())) {
                store.finish(delivery.id());
                store.record(delivery.webhookId(), new DeliveryAttempt(delivery.id(), delivery.event(),
                        delivery.conversationId(), tried.attempts(), null, "webhook disabled", 0, at, null,
                        DeliveryAttempt.FAILED));
                return;
            }
            Outcome outcome = send(webhook.get(), delivery);
            if (!running && outcome.interrupted()) {
                return; // stopping: another node (or the next start) takes it after the lease
            }
            boolean delivered = outcome.status() != null && outcome.status() / 100 == 2;
            boolean again = !outcome.refused() && !delivered && tried.attempts() <= backoff.size();
            Duration pause = again ? backoff.get(tried.attempts() - 1) : null;
            Long nextRetryAt = again ? clock.millis() + pause.toMillis() : null;
            String result = outcome.refused() ? DeliveryAttempt.REFUSED
                    : delivered ? DeliveryAttempt.DELIVERED
                    : again ? DeliveryAttempt.RETRYING
                    : DeliveryAttempt.FAILED;
            DeliveryAttempt logged = new DeliveryAttempt(delivery.id(), delivery.event(), delivery.conversationId(),
                    tried.attempts(), outcome.status(), outcome.error(), outcome.durationMs(), at, nextRetryAt, result);
            if (again) {
                // Logged before the retry is scheduled, so the log keeps the attempts in order however short the pause.
                store.record(delivery.webhookId(), logged);
                store.retry(tried, nextRetryAt);
                later(pause);
            } else {
                // Logged, then finished: a failure in between leaves it leased and tried again, never unlogged.
                store.record(delivery.webhookId(), logged);
                store.finish(delivery.id());
            }
        } catch (RuntimeException e) {
            // Left leased: tried again when the lease ends.
            log.warn("Webhook delivery {} failed unexpectedly: {}", delivery.id(), e.toString());
        }
    }

    private record Outcome(Integer status, String error, long durationMs, boolean interrupted, boolean refused) {
        static Outcome failed(String error, long started) {
            return new Outcome(null, error, millisSince(started), false, false);
        }
    }

    private Outcome send(Webhook webhook, Delivery delivery) {
        long started = System.nanoTime();
        HttpUrl url = HttpUrl.parse(webhook.url());
        if (url == null) {
            return Outcome.failed("not an http(s) URL", started);
        }
        Request request = new Request.Builder().url(url)
                .header("User-Agent", "Baton-Webhooks/1")
                .header("X-Baton-Event", delivery.event())
                .header("X-Baton-Delivery", delivery.id())
                .header(WebhookSignature.HEADER, WebhookSignature.header(webhook.secret(),
                        clock.instant().getEpochSecond(), delivery.body()))
                .post(RequestBody.create(delivery.body().getBytes(StandardCharsets.UTF_8), JSON))
                .build();
        try {
            targets.check(url.host());
            try (Response response = http.newCall(request).execute()) {
                return new Outcome(response.code(), null, millisSince(started), false, false);
            }
        } catch (RefusedAddress e) {
            return new Outcome(null, "refused: " + e.getMessage(), millisSince(started), false, true);
        } catch (InterruptedIOException e) {
            if (!running || Thread.currentThread().isInterrupted()) {
                return new Outcome(null, "interrupted", millisSince(started), true, false);
            }
            return Outcome.failed("timed out after " + TIMEOUT.toSeconds() + " s", started);
        } catch (IOException e) {
            if (!running) {
                return new Outcome(null, "interrupted", millisSince(started), true, false);
            }
            String reason = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getMessage();
            return Outcome.failed(reason, started);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private String write(WebhookPayload payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void execute(ExecutorService executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException stopping) {
            // closed: what was not done is taken again from Redis
        }
    }

    private void later(Duration pause) {
        try {
            drainer.schedule(this::drain, pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // closed: the retry is in Redis and due for whichever node looks next
        }
    }

    /**
     * Whether deliveries are still sent: started, not stopped, and the periodic look for due deliveries ran within
     * a few of its periods (ten seconds at least).
     */
    public boolean alive() {
        long stall = Math.max(10_000, 5 * poll.toMillis());
        return running && lastDrain > 0 && !preparer.isShutdown() && !drainer.isShutdown() && !senders.isShutdown()
                && System.currentTimeMillis() - lastDrain < stall;
    }

    @Override
    public void close() {
        running = false;
        preparer.shutdownNow();
        drainer.shutdownNow();
        http.dispatcher().cancelAll();
        senders.close();
        try {
            drainer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.connectionPool().evictAll();
    }
}
