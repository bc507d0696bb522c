package dev.baton.server.ops;

import dev.baton.event.EventListener;
import dev.baton.event.Worker;
import dev.baton.kb.Embedder;
import dev.baton.store.RedisKeys;
import dev.baton.webhook.WebhookStore;
import io.javalin.websocket.WsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import redis.clients.jedis.UnifiedJedis;

/**
 * The one metrics registry of a node (scraped at {@code /metrics} in Prometheus' format) and the meters Baton records
 * into it. Created where the app is wired; every meter is put at a boundary of the parts it measures (a wrapper around
 * a worker, the embedder, the webhook store, the Redis command executor; a listener on the event bus; an after-handler
 * on the sockets), so bot-core, the widget and the console know nothing of metrics: they need no Micrometer
 * dependency, and their code stays as it is. The names are documented in {@code docs/operations.md}.
 */
public final class Observability implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Observability() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Everything measured, in the Prometheus text format. */
    String scrape() {
        return registry.scrape();
    }

    /**
     * Counts the Redis commands that fail (a connection lost, an error reply) in
     * {@code baton_redis_command_errors_total}: single ones, and those in pipelines and transactions.
     */
    public RedisWatch redisErrors() {
        return new RedisErrorCounter(registry);
    }

    /** The bot's work queue as metered: held, lag, and the time of each customer message's turn. */
    public Worker botQueue(Worker bot) {
        return MeteredWorker.botTurns(bot, registry);
    }

    /** A work queue's worker as metered: how many events it holds, how late they reach it. */
    public Worker queue(String name, Worker worker) {
        return new MeteredWorker(name, worker, registry, null);
    }

    /** What no node took yet from the work queue of {@code group}, read from Redis at each scrape. */
    public void watchBacklog(String group, UnifiedJedis redis, RedisKeys keys) {
        WorkQueueBacklog.register(group, redis, keys, registry);
    }

    /** Messages and handoffs this node wrote (its {@code nodeId}), counted as the feed brings them back. */
    public EventListener events(String nodeId) {
        return new EventMeters(nodeId, registry);
    }

    /** Counts the outcome of every webhook delivery attempt as the store records it. */
    public WebhookStore webhookOutcomes(WebhookStore store) {
        return new CountedWebhookStore(store, registry);
    }

    /** Times the model's calls on customers' questions ({@code baton_embedding_seconds}); wrap the model with it. */
    public Embedder timedQuestions(Embedder model) {
        return new TimedEmbedder(model, registry);
    }

    /** Times each question's wait for its batch ({@code baton_embedding_wait_seconds}), given in nanoseconds. */
    public LongConsumer questionWaits() {
        Timer waits = MeteredWorker.latency("baton.embedding.wait",
                "Time a customer's question waited for its batch to go to the model").register(registry);
        return nanos -> waits.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** An after-handler for a socket route that keeps {@code baton_sockets_open{kind}} up to date. */
    public Consumer<WsConfig> sockets(String kind) {
        return new SocketMeter(kind, registry)::configure;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
