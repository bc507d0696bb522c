package dev.baton.routing;

import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationStore;
import dev.baton.inbox.ActionResult;
import dev.baton.inbox.AgentActions;
import dev.baton.inbox.Inbox;
import dev.baton.inbox.InboxView;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands waiting conversations to online agents of their team in turn, skipping agents who hold as many as they take;
 * teams set to manual are left to claim themselves. It sweeps the waiting queue when nudged (a handoff, an agent
 * coming online or freeing a slot) and every few seconds anyway. Nodes sweeping at once are harmless: each
 * assignment is an atomic move from waiting, so a conversation goes to one agent only, and never to one offline.
 */
public final class Assigner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Assigner.class);
    private static final int SWEEP_SIZE = 200;
    private static final long SWEEP_EVERY_SECONDS = 5;

    private final Inbox inbox;
    private final ConversationStore conversations;
    private final AgentActions actions;
    private final Routing routing;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "baton-assigner");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean sweepPending = new AtomicBoolean();
    /** When the last sweep began (epoch ms); 0 before the first. */
    private volatile long lastSweep;

    public Assigner(Inbox inbox, ConversationStore conversations, AgentActions actions, Routing routing) {
        this.inbox = inbox;
        this.conversations = conversations;
        this.actions = actions;
        this.routing = routing;
    }

    public void start() {
        lastSweep = System.currentTimeMillis();
        sweeper.scheduleWithFixedDelay(this::nudge, SWEEP_EVERY_SECONDS, SWEEP_EVERY_SECONDS, TimeUnit.SECONDS);
    }

    /** Sweeps soon; nudges that arrive before the sweep runs share it. */
    public void nudge() {
        if (sweepPending.compareAndSet(false, true)) {
            sweeper.execute(() -> {
                sweepPending.set(false);
                lastSweep = System.currentTimeMillis();
                try {
                    sweep();
                } catch (RuntimeException e) {
                    log.warn("Assigning waiting conversations failed; the next sweep tries again", e);
                }
            });
        }
    }

    /** One pass over the waiting queue, in its order (high priority, then longest waiting). */
    public void sweep() {
        List<String> waiting = inbox.list(InboxView.WAITING, null, 0, SWEEP_SIZE);
        for (Conversation conversation : conversations.findAll(waiting)) {
            String team = conversation.handling().team();
            boolean manual = routing.team(team).map(t -> !t.autoAssign()).orElse(false);
            if (!manual) {
                assign(conversation.id(), team);
            }
        }
    }

    private void assign(String conversationId, String team) {
        List<Agent> candidates = routing.onlineMembers(team);
        if (candidates.isEmpty()) {
            return;
        }
        int start = (int) Math.floorMod(routing.nextTurn(team == null ? "none" : team), (long) candidates.size());
        for (int k = 0; k < candidates.size(); k++) {
            ActionResult result = actions.assign(conversationId, candidates.get((start + k) % candidates.size()));
            if (result.outcome() != ActionResult.Outcome.OVER_CAPACITY) {
                return; // assigned, or someone was faster
            }
        }
    }

    /**
     * Gives every open conversation {@code gone} holds back to its team's queue (a conversation without a team to
     * the team its handoff reason routes to), where the next sweep hands it on; {@code by} is who took them away.
     *
     * @return how many went back
     */
    public int takeBack(Agent gone, Agent by) {
        int released = 0;
        List<String> held;
        do {
            held = inbox.list(InboxView.MINE, gone.id(), 0, SWEEP_SIZE);
            int before = released;
            for (Conversation conversation : conversations.findAll(held)) {
                String team = conversation.handling().team();
                String queue = team != null && !team.isEmpty() ? team
                        : routing.teamFor(conversation.handling().reason());
                if (actions.release(conversation.id(), gone, by, queue).outcome() == ActionResult.Outcome.DONE) {
                    released++;
                }
            }
            if (released == before) {
                break; // what is left is not theirs to give back any more (resolved or taken meanwhile)
            }
        } while (held.size() == SWEEP_SIZE);
        nudge();
        return released;
    }

    /**
     * Whether sweeps still happen: started, not stopped, and a sweep began within three sweep periods (a sweep
     * stuck on a call that never returns, or a dead thread, stops them).
     */
    public boolean alive() {
        return lastSweep > 0 && !sweeper.isShutdown()
                && System.currentTimeMillis() - lastSweep < TimeUnit.SECONDS.toMillis(3 * SWEEP_EVERY_SECONDS);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
