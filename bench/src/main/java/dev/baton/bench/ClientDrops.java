package dev.baton.bench;

import java.time.Duration;

/**
 * Customers whose connections drop at random points (before a send, right after it, between the send and the
 * ack, while waiting for the answer) and who resend at random (twice at once, again after the ack): every message
 * stored once, in the order sent, and delivered once.
 */
final class ClientDrops {
    /** The share of sends that go wrong, and half of it for waits. */
    static final double RATE = 0.3;

    private ClientDrops() {}

    static Outcome run(Target target, int customers, int messagesEach, long seed) {
        Outcome outcome = new Outcome("client drops and duplicate resends");
        Crowd crowd = new Crowd(target.servers(), customers, i -> Faults.random(seed * 31 + i, RATE), Duration.ofSeconds(30),
                target.questions(), messagesEach, Duration.ofMillis(200), seed);
        crowd.start();
        crowd.await(Duration.ofMinutes(10));
        crowd.catchUp();
        Audit audit = Audit.of(crowd.customers(), target.conversations());
        var counters = crowd.counters();
        outcome.put("customers", customers).put("messages each", messagesEach).put("fault rate", RATE)
                .put("connections dropped", counters.getOrDefault("drops", 0))
                .put("acks lost", counters.getOrDefault("fault.lose_ack", 0))
                .put("sent twice at once", counters.getOrDefault("fault.double", 0))
                .put("resent after the ack", counters.getOrDefault("fault.resend_after_ack", 0))
                .put("resumes", counters.getOrDefault("resumes", 0))
                .putMessages(audit.figures())
                .put("client counters", counters);
        crowd.failures().forEach(failure -> outcome.require(false, failure));
        return outcome;
    }
}
