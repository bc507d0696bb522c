package dev.baton.server.ops;

import java.util.List;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Response;

/** A transaction whose failed commands are counted once it is executed; the commands go to the one it wraps. */
final class CountedTransaction extends AbstractTransaction {
    private final AbstractTransaction transaction;
    private final QueuedReplies replies;

    CountedTransaction(AbstractTransaction transaction, CommandObjects commands, QueuedReplies replies) {
        super(commands);
        this.transaction = transaction;
        this.replies = replies;
    }

    @Override
    protected <T> Response<T> appendCommand(CommandObject<T> command) {
        return replies.add(command, transaction.executeCommand(command));
    }

    @Override
    public List<Object> exec() {
        return replies.settle(transaction::exec);
    }

    @Override
    public void multi() {
        transaction.multi();
    }

    @Override
    public String watch(String... keys) {
        return transaction.watch(keys);
    }

    @Override
    public String watch(byte[]... keys) {
        return transaction.watch(keys);
    }

    @Override
    public String unwatch() {
        return transaction.unwatch();
    }

    @Override
    public String discard() {
        return transaction.discard();
    }

    @Override
    public void close() {
        transaction.close();
    }
}
