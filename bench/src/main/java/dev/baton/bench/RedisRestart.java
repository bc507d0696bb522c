package dev.baton.bench;

import java.time.Duration;
import java.util.List;

/**
 * Redis killed ({@code kill -9}) while customers chat on two Baton nodes, and started again after an outage on the
 * same port and append-only file. Customers get {@code unavailable} and resend; what Redis had acknowledged must
 * come back from the append-only file.
 */
final class RedisRestart {
    private RedisRestart() {}

    static Outcome run(Stage stage, int customers, Duration outage, Duration afterRestart, long seed) {
        Outcome outcome = new Outcome("Redis restart (kill -9, append-only file)");
        try (BatonProcess a = stage.node("restart-node-a"); BatonProcess b = stage.node("restart-node-b")) {
            Crowd crowd = new Crowd(List.of(a.endpoint(), b.endpoint()), customers, i -> Faults.none(),
                    NodeCrash.ANSWER_WAIT, ChatBench.QUESTIONS, 0, Duration.ofSeconds(1), seed);
            crowd.start();
            Waiting.until(Duration.ofMinutes(2), "the customers to warm up", () -> crowd.answered() >= customers * 3);
            int inFlight = crowd.awaitingNow().size();
            long down = System.nanoTime();
            stage.redis().kill();
            Waiting.pause(outage.toMillis());
            stage.redis().restart();
            long outageMillis = (System.nanoTime() - down) / 1_000_000;
            int answeredAtRestart = crowd.answered();
            Waiting.until(Duration.ofMinutes(1), "both nodes to be healthy again", () -> a.healthy() && b.healthy());
            Waiting.pause(afterRestart.toMillis());
            int answeredAfter = crowd.answered() - answeredAtRestart;
            crowd.stop(NodeCrash.ANSWER_WAIT.multipliedBy(2));
            stage.awaitBotIdle(NodeCrash.ANSWER_WAIT);
            crowd.catchUp();

            Audit audit = Audit.of(crowd.customers(), stage.conversations());
            var counters = crowd.counters();
            outcome.put("customers", customers).put("Redis down (ms)", outageMillis)
                    .put("bot turns in flight when Redis died", inFlight)
                    .put("questions answered after the restart", answeredAfter)
                    .put("errors 'unavailable' seen by customers", counters.getOrDefault("error.unavailable", 0))
                    .put("resends", counters.getOrDefault("resends", 0))
                    .put("longest send -> ack (ms)", crowd.longestAckMillis())
                    .putMessages(audit.figures())
                    .put("client counters", counters);
            outcome.require(audit.figures().answeredTwice() == 0, audit.figures().answeredTwice()
                    + " questions answered twice");
            outcome.require(audit.figures().unanswered() == 0, audit.figures().unanswered()
                    + " questions never answered");
            outcome.require(a.healthy() && b.healthy(), "a node is not healthy after the restart");
            crowd.failures().forEach(failure -> outcome.require(false, failure));
        }
        return outcome;
    }
}
