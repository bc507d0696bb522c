package dev.baton.server.ops;

import dev.baton.conversation.Role;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.event.Worker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A work queue's {@link Worker} measured from the outside: how many events this node holds ({@code
 * baton_work_queue_held}), how long each waited between being stored and reaching this node ({@code
 * baton_work_queue_lag_seconds}), and for the bot, how long a customer message's turn takes from there until the bot
 * is done with it ({@code baton_bot_turn_seconds}: waiting behind the conversation's earlier turns included).
 */
final class MeteredWorker implements Worker {
    private final Worker inner;
    private final AtomicInteger held = new AtomicInteger();
    private final Timer lag;
    /** Null for queues whose work is not a bot turn. */
    private final Timer turns;

    MeteredWorker(String queue, Worker inner, MeterRegistry registry, Timer turns) {
        this.inner = inner;
        this.turns = turns;
        Gauge.builder("baton.work.queue.held", held, AtomicInteger::get).strongReference(true)
                .description("Events this node took from the queue and is not done with").tag("queue", queue)
                .register(registry);
        this.lag = latency("baton.work.queue.lag", "Time from an event being stored to this node taking it")
                .tag("queue", queue).register(registry);
    }

    static MeteredWorker botTurns(Worker bot, MeterRegistry registry) {
        Timer turns = latency("baton.bot.turn", "Time from a customer message reaching the bot to its turn's end")
                .register(registry);
        return new MeteredWorker("bot", bot, registry, turns);
    }

    /**
     * A latency timer with its histogram, from 1 ms to 30 s: Prometheus computes percentiles from the buckets, across
     * nodes too (client-side percentiles would not add up, and its registry does not publish them beside one).
     */
    static Timer.Builder latency(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30));
    }

    @Override
    public void take(LoggedEvent event, Runnable done) {
        long taken = System.nanoTime();
        lag.record(Math.max(0, System.currentTimeMillis() - event.ts()), TimeUnit.MILLISECONDS);
        held.incrementAndGet();
        boolean turn = turns != null && event.event() instanceof MessageCreated message
                && message.author().role() == Role.CUSTOMER;
        AtomicBoolean over = new AtomicBoolean();
        inner.take(event, () -> {
            if (over.compareAndSet(false, true)) {
                held.decrementAndGet();
                if (turn) {
                    turns.record(System.nanoTime() - taken, TimeUnit.NANOSECONDS);
                }
            }
            done.run();
        });
    }
}
