package dev.baton.server.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Response;

/**
 * The commands of one pipeline or transaction and their replies to come, counted by the {@link RedisErrorCounter}
 * once the replies are in, read or not. Used by one thread, like the pipeline it belongs to.
 */
final class QueuedReplies {
    private final RedisErrorCounter counter;
    private final List<Reply<?>> queued = new ArrayList<>();

    QueuedReplies(RedisErrorCounter counter) {
        this.counter = counter;
    }

    /** The reply the caller holds in place of {@code reply}: the same value or error, read here first. */
    <T> Response<T> add(CommandObject<T> command, Response<T> reply) {
        Reply<T> queuedReply = new Reply<>(command, reply);
        queued.add(queuedReply);
        return queuedReply;
    }

    /**
     * Runs the step that brings the replies in ({@code sync}, {@code exec}, {@code close}) and counts each error
     * reply; when the step itself fails (the connection, an aborted transaction), every command queued failed with it.
     */
    <T> T settle(Supplier<T> step) {
        T result;
        try {
            result = step.get();
        } catch (RuntimeException e) {
            queued.forEach(reply -> counter.count(reply.command, e));
            queued.clear();
            throw e;
        }
        queued.forEach(Reply::read);
        queued.clear();
        return result;
    }

    void settle(Runnable step) {
        settle(() -> {
            step.run();
            return null;
        });
    }

    /**
     * Jedis' reply, read once when the replies are in: Jedis builds a reply's value only once, and a build that
     * throws leaves null behind, so the caller gets what this first read got.
     */
    private final class Reply<T> extends Response<T> {
        private final CommandObject<T> command;
        private final Response<T> reply;
        private boolean read;
        private T value;
        private RuntimeException error;

        Reply(CommandObject<T> command, Response<T> reply) {
            super(command.getBuilder());
            this.command = command;
            this.reply = reply;
        }

        void read() {
            try {
                value = reply.get();
            } catch (RuntimeException e) {
                error = e;
                counter.count(command, e);
            }
            read = true;
        }

        @Override
        public T get() {
            if (!read) {
                return reply.get(); // before the replies are in: Jedis says so
            }
            if (error != null) {
                throw error;
            }
            return value;
        }

        @Override
        public String toString() {
            return reply.toString();
        }
    }
}
