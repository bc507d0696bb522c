package dev.baton.server.ops;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.executors.CommandExecutor;

/**
 * What the server wraps around its Redis client to watch every command: the executor that single commands go
 * through, and each pipeline and transaction, whose commands Jedis sends on a connection of its own, past the
 * executor. Each wrapper hands the commands on untouched.
 */
public interface RedisWatch {
    /** Watches nothing (commands that run once, such as the admin commands). */
    RedisWatch NONE = new RedisWatch() {
        @Override
        public CommandExecutor executor(CommandExecutor executor) {
            return executor;
        }

        @Override
        public AbstractPipeline pipeline(AbstractPipeline pipeline, CommandObjects commands) {
            return pipeline;
        }

        @Override
        public AbstractTransaction transaction(AbstractTransaction transaction, CommandObjects commands) {
            return transaction;
        }
    };

    CommandExecutor executor(CommandExecutor executor);

    /** @param commands the client's, which build the commands the wrapper queues on {@code pipeline} */
    AbstractPipeline pipeline(AbstractPipeline pipeline, CommandObjects commands);

    /** @param commands the client's, which build the commands the wrapper queues on {@code transaction} */
    AbstractTransaction transaction(AbstractTransaction transaction, CommandObjects commands);
}
