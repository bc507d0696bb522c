package dev.baton.server.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.executors.CommandExecutor;

/**
 * Counts the Redis commands that fail ({@code baton_redis_command_errors_total}, by command and kind of error):
 * every command of the client, the work queues' and the feed's blocking reads included, and those sent down a
 * pipeline or a transaction (the conversation writes that {@code WAIT} for a replica among them), each counted once
 * its reply is in, whether or not the caller reads it. The error itself goes on to the caller untouched.
 */
final class RedisErrorCounter implements RedisWatch {
    private final MeterRegistry registry;

    RedisErrorCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(CommandObject<?> command, RuntimeException error) {
        Counter.builder("baton.redis.command.errors")
                .description("Redis commands that failed: the connection or the reply")
                .tag("command", command.getArguments().getCommand().toString().toLowerCase(Locale.ROOT))
                .tag("error", error.getClass().getSimpleName())
                .register(registry).increment();
    }

    @Override
    public CommandExecutor executor(CommandExecutor inner) {
        return new CommandExecutor() {
            @Override
            public <T> T executeCommand(CommandObject<T> command) {
                try {
                    return inner.executeCommand(command);
                } catch (RuntimeException e) {
                    count(command, e);
                    throw e;
                }
            }

            @Override
            public void close() throws Exception {
                inner.close();
            }
        };
    }

    @Override
    public AbstractPipeline pipeline(AbstractPipeline pipeline, CommandObjects commands) {
        return new CountedPipeline(pipeline, commands, new QueuedReplies(this));
    }

    @Override
    public AbstractTransaction transaction(AbstractTransaction transaction, CommandObjects commands) {
        return new CountedTransaction(transaction, commands, new QueuedReplies(this));
    }
}
