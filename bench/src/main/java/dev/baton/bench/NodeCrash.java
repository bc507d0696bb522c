package dev.baton.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code kill -9} of a Baton node while customers chat on two, {@code kills} times (the node killed is started
 * again on its port before the next round, and the rounds alternate between the nodes). The killed node's
 * customers reconnect to the other and resume (conversationId, resumeToken, lastSeq; unacked messages resent
 * with the same clientMsgId); the bot turns it had taken are claimed by the other node once they have been idle
 * for the work queue's claim time.
 */
final class NodeCrash {
    /** Longer than the work queue's claim time (30 s) plus its claim period (10 s) plus a turn. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(90);

    private NodeCrash() {}

    static Outcome run(Stage stage, int customers, int kills, Duration afterKill, long seed) {
        Outcome outcome = new Outcome("node crash (kill -9 of 1 of 2 nodes, " + kills + " times)");
        List<BatonProcess> nodes = new ArrayList<>(List.of(stage.node("crash-node-a"), stage.node("crash-node-b")));
        try {
            // A restarted node keeps its port, so the customers' list of servers stays right.
            List<Endpoint> servers = nodes.stream().map(BatonProcess::endpoint).toList();
            Crowd crowd = new Crowd(servers, customers,
                    i -> Faults.none(), ANSWER_WAIT, ChatBench.QUESTIONS, 0, Duration.ofSeconds(1), seed);
            crowd.start();
            Waiting.until(Duration.ofMinutes(2), "the customers to warm up", () -> crowd.answered() >= customers * 3);
            Set<String> inFlight = new HashSet<>();
            Set<String> takenByKilled = new HashSet<>();
            List<Integer> onKilledNode = new ArrayList<>();
            List<Map<String, Long>> pendingAtKills = new ArrayList<>();
            int answeredAfterKills = 0;
            for (int round = 0; round < kills; round++) {
                int victim = round % 2;
                BatonProcess killed = nodes.get(victim);
                // Kill while many turns are in flight: when a fifth of the customers wait for an answer, or after 10 s.
                long latest = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                Set<String> awaiting = crowd.awaitingNow();
                while (awaiting.size() < Math.max(1, customers / 5) && System.nanoTime() < latest) {
                    Waiting.pause(1);
                    awaiting = crowd.awaitingNow();
                }
                List<Customer> onIt = crowd.on(servers.get(victim));
                onKilledNode.add(onIt.size());
                String killedId = onIt.stream().map(Customer::lastAcked).filter(Objects::nonNull)
                        .findFirst().map(stage::nodeThatStored).orElse("?");
                pendingAtKills.add(stage.pendingBotTurns());
                killed.kill();
                inFlight.addAll(awaiting);
                takenByKilled.addAll(stage.turnsTakenBy(killedId));
                int answeredAtKill = crowd.answered();
                Waiting.pause(afterKill.toMillis());
                answeredAfterKills += crowd.answered() - answeredAtKill;
                nodes.set(victim, killed.restarted(round + 1));
            }
            crowd.stop(ANSWER_WAIT.multipliedBy(2));
            stage.awaitBotIdle(ANSWER_WAIT);
            crowd.catchUp();

            Audit audit = Audit.of(crowd.customers(), stage.conversations());
            Audit.Answers inFlightAnswers = audit.answersTo(inFlight);
            Audit.Answers takenTurns = audit.turnsFor(takenByKilled);
            outcome.put("customers", customers).put("kills", kills).put("customers on the killed node", onKilledNode)
                    .put("traffic after each kill (s)", afterKill.toSeconds())
                    .put("questions answered in those windows", answeredAfterKills)
                    .put("customers waiting for an answer at the kills", inFlight.size())
                    .put("  answered exactly once", inFlightAnswers.once())
                    .put("  answered twice or more", inFlightAnswers.more())
                    .put("  never answered", inFlightAnswers.none())
                    .put("bot turns the killed node had taken, unfinished", takenByKilled.size())
                    .put("  run exactly once in all", takenTurns.once())
                    .put("  run twice or more", takenTurns.more())
                    .put("  never run", takenTurns.none())
                    .put("bot turns taken and unfinished at each kill, by node", pendingAtKills)
                    .put("longest send -> ack (ms)", crowd.longestAckMillis())
                    .putMessages(audit.figures())
                    .put("client counters", crowd.counters());
            outcome.require(inFlightAnswers.none() + takenTurns.none() == 0,
                    "bot turns in flight at a kill never answered");
            outcome.require(audit.figures().answeredTwice() == 0, audit.figures().answeredTwice()
                    + " questions answered twice (defect 9: a turn the killed node had answered but not yet "
                    + "acknowledged is taken again by the other node, and the reply is not idempotent)");
            outcome.require(audit.figures().unanswered() == 0, audit.figures().unanswered()
                    + " questions never answered");
            outcome.require(nodes.stream().allMatch(BatonProcess::healthy), "a node is not healthy at the end");
            crowd.failures().forEach(failure -> outcome.require(false, failure));
        } finally {
            nodes.forEach(BatonProcess::close);
        }
        return outcome;
    }
}
