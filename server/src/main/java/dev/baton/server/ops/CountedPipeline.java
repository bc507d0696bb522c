package dev.baton.server.ops;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Response;

/** A pipeline whose failed commands are counted once it is synced or closed; the commands go to the one it wraps. */
final class CountedPipeline extends AbstractPipeline {
    private final AbstractPipeline pipeline;
    private final QueuedReplies replies;

    CountedPipeline(AbstractPipeline pipeline, CommandObjects commands, QueuedReplies replies) {
        super(commands);
        this.pipeline = pipeline;
        this.replies = replies;
    }

    @Override
    protected <T> Response<T> appendCommand(CommandObject<T> command) {
        return replies.add(command, pipeline.executeCommand(command));
    }

    @Override
    public void sync() {
        replies.settle(pipeline::sync);
    }

    @Override
    public void close() {
        replies.settle(pipeline::close);
    }
}
