package dev.baton.store;

/**
 * A write reached the primary but not enough replicas in time, so it is not acknowledged: the client sends it again
 * (conversation writes are idempotent by client message id) and it is confirmed once the replicas catch up.
 */
public final class NotReplicatedException extends RuntimeException {

    NotReplicatedException(long confirmed, Replication wanted) {
        super("the write reached " + confirmed + " of " + wanted.replicas() + " replicas within "
                + wanted.timeout().toMillis() + " ms");
    }
}
