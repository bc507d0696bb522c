package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.Signal;
import dev.baton.event.Signals;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/** Signals over Redis pub/sub on one channel; the subscriber reconnects by itself after a Redis hiccup. */
public final class RedisSignals implements Signals, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisSignals.class);

    private final UnifiedJedis redis;
    private final String channel;
    private final ObjectMapper json;
    private final List<Consumer<Signal>> subscribers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile JedisPubSub current;

    public RedisSignals(UnifiedJedis redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.channel = keys.namespace() + ":signals";
        this.json = json;
        this.thread = new Thread(this::run, "baton-signals");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Whether the subscriber thread runs (it subscribes again by itself after a Redis hiccup). */
    public boolean alive() {
        return running && thread.isAlive();
    }

    @Override
    public void publish(Signal signal) {
        try {
            redis.publish(channel, json.writeValueAsString(signal));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        } catch (RuntimeException e) {
            log.debug("A signal was lost: {}", e.toString()); // passing by nature; nothing to retry
        }
    }

    @Override
    public void subscribe(Consumer<Signal> subscriber) {
        subscribers.add(subscriber);
    }

    private void run() {
        while (running) {
            JedisPubSub listener = new JedisPubSub() {
                @Override
                public void onMessage(String from, String message) {
                    dispatch(message);
                }
            };
            current = listener;
            try {
                redis.subscribe(listener, channel);
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Signals subscription lost, subscribing again: {}", e.toString());
                    sleep();
                }
            }
        }
    }

    private void dispatch(String message) {
        Signal signal;
        try {
            signal = json.readValue(message, Signal.class);
        } catch (JsonProcessingException e) {
            log.warn("Skipping an unreadable signal: {}", e.getMessage());
            return;
        }
        for (Consumer<Signal> subscriber : subscribers) {
            try {
                subscriber.accept(signal);
            } catch (RuntimeException e) {
                log.error("A signal subscriber failed", e);
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        JedisPubSub listener = current;
        if (listener != null && listener.isSubscribed()) {
            listener.unsubscribe();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
