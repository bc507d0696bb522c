package dev.baton.server.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.executors.CommandExecutor;

/**
 * Jedis' command executor with a count of the commands that threw ({@code baton_redis_command_errors_total}, by
 * command and kind of error); every command of the client passes through it, the work queues' and the feed's
 * blocking reads included. The error itself goes on to the caller untouched.
 */
final class RedisErrorCounter implements CommandExecutor {
    private final CommandExecutor inner;
    private final MeterRegistry registry;

    RedisErrorCounter(CommandExecutor inner, MeterRegistry registry) {
        this.inner = inner;
        this.registry = registry;
    }

    @Override
    public <T> T executeCommand(CommandObject<T> command) {
        try {
            return inner.executeCommand(command);
        } catch (RuntimeException e) {
            Counter.builder("baton.redis.command.errors")
                    .description("Redis commands that failed: the connection or the reply")
                    .tag("command", command.getArguments().getCommand().toString().toLowerCase(Locale.ROOT))
                    .tag("error", e.getClass().getSimpleName())
                    .register(registry).increment();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        inner.close();
    }
}
