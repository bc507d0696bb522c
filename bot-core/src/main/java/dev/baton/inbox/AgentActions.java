package dev.baton.inbox;

import dev.baton.conversation.AppendResult;
import dev.baton.conversation.Author;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationStore;
import dev.baton.conversation.ConversationWrite;
import dev.baton.conversation.Handling;
import dev.baton.conversation.Owner;
import dev.baton.conversation.Role;
import dev.baton.conversation.Transition;
import dev.baton.event.AgentJoined;
import dev.baton.event.MessageCreated;
import dev.baton.event.MessageRead;
import dev.baton.event.NoteAdded;
import dev.baton.event.Reopened;
import dev.baton.event.Resolved;
import dev.baton.event.ReturnedToBot;
import dev.baton.event.Transferred;
import dev.baton.routing.Agent;
import java.util.List;
import java.util.Optional;

/**
 * What agents do to conversations: claim, reply, note, transfer, give back to the bot, resolve, reopen, read. Each
 * is one atomic write whose guard is the state the action needs, so two agents racing get one winner and the
 * loser learns who won.
 */
public final class AgentActions {
    /** What the assignee field holds when nobody has the conversation. */
    private static final String NOBODY = "";

    private final ConversationStore store;
    private final String nodeId;

    public AgentActions(ConversationStore store, String nodeId) {
        this.store = store;
        this.nodeId = nodeId;
    }

    static Author authorOf(Agent agent) {
        return new Author(Role.AGENT, agent.name(), agent.avatarUrl(), agent.id());
    }

    /** Takes a waiting conversation, or one the bot is handling. Claiming what you hold already is fine. */
    public ActionResult claim(String conversationId, Agent agent) {
        Optional<Conversation> found = store.find(conversationId);
        if (found.isEmpty()) {
            return ActionResult.of(ActionResult.Outcome.NOT_FOUND);
        }
        Conversation conversation = found.get();
        if (conversation.owner() == Owner.AGENT) {
            return agent.id().equals(conversation.handling().assignee()) ? ActionResult.done(null)
                    : new ActionResult(ActionResult.Outcome.CLAIMED_BY_OTHER, null, conversation.handling().assignee());
        }
        Transition transition = conversation.owner() == Owner.BOT ? Transition.TAKE_OVER : Transition.CLAIM;
        return outcome(store.write(ConversationWrite.of(conversationId,
                        new AgentJoined(conversationId, authorOf(agent), agent.id()))
                .through(transition).setting("assignee", agent.id()), nodeId), agent.id());
    }

    /** Routing gives a waiting conversation to {@code agent}, if they have room for it. */
    public ActionResult assign(String conversationId, Agent agent) {
        return outcome(store.write(ConversationWrite.of(conversationId,
                        new AgentJoined(conversationId, authorOf(agent), "routing"))
                .through(Transition.CLAIM).setting("assignee", agent.id())
                .withinCapacity(agent.id(), agent.maxChats()), nodeId), agent.id());
    }

    /**
     * A reply to the customer; only the agent who holds the conversation may send it (or an admin). It keeps the
     * codes of the {@link ReplyCoach}'s hints it was sent with (empty for none), for the KPIs.
     */
    public ActionResult reply(String conversationId, Agent agent, String text, List<String> coachHints) {
        ConversationWrite write = ConversationWrite.of(conversationId,
                        new MessageCreated(conversationId, authorOf(agent), text, List.of(), null, null, List.of(),
                                coachHints))
                .onlyIfOwner(Owner.AGENT)
                .settingIfAbsent("firstResponseAt", ConversationWrite.NOW)
                .setting("preview", Handling.previewOf(text))
                .setting("unreadByAgent", "0");
        return outcome(store.write(heldBy(agent, write), nodeId), agent.id());
    }

    /** A private note for the team, in any state. */
    public ActionResult note(String conversationId, Agent agent, String text) {
        return outcome(store.write(ConversationWrite.of(conversationId,
                new NoteAdded(conversationId, authorOf(agent), text)), nodeId), agent.id());
    }

    /** Gives the conversation to another agent: theirs at once, with the note. */
    public ActionResult transferToAgent(String conversationId, Agent from, Agent to, String note) {
        Optional<Conversation> found = store.find(conversationId);
        if (found.isEmpty()) {
            return ActionResult.of(ActionResult.Outcome.NOT_FOUND);
        }
        ConversationWrite write = ConversationWrite.of(conversationId,
                        new Transferred(conversationId, from.id(), to.id(), null, note),
                        new AgentJoined(conversationId, authorOf(to), from.id()))
                .setting("assignee", to.id());
        if (found.get().owner() == Owner.WAITING) {
            write = write.through(Transition.CLAIM);
        } else {
            write = heldBy(from, write.onlyIfOwner(Owner.AGENT));
        }
        return outcome(store.write(write, nodeId), from.id());
    }

    /** Sends the conversation to a team's queue, with the note. */
    public ActionResult transferToTeam(String conversationId, Agent from, String teamId, String note) {
        Optional<Conversation> found = store.find(conversationId);
        if (found.isEmpty()) {
            return ActionResult.of(ActionResult.Outcome.NOT_FOUND);
        }
        ConversationWrite write = ConversationWrite.of(conversationId,
                new Transferred(conversationId, from.id(), null, teamId, note)).setting("team", teamId);
        if (found.get().owner() == Owner.WAITING) {
            write = write.onlyIfOwner(Owner.WAITING);
        } else {
            write = write.through(Transition.REQUEUE).setting("assignee", NOBODY)
                    .setting("handedOffAt", ConversationWrite.NOW);
            write = heldBy(from, write);
        }
        return outcome(store.write(write, nodeId), from.id());
    }

    /**
     * Sends a conversation that {@code gone} holds back to {@code teamId}'s queue because they can no longer work it
     * (deactivated by {@code by}); only while {@code gone} still holds it. With no team at all, to the queue alone.
     */
    public ActionResult release(String conversationId, Agent gone, Agent by, String teamId) {
        ConversationWrite write = ConversationWrite.of(conversationId,
                        new Transferred(conversationId, by.id(), null, teamId, gone.name() + " was deactivated"))
                .through(Transition.REQUEUE).onlyIfFreeOrHeldBy(gone.id())
                .setting("assignee", NOBODY).setting("handedOffAt", ConversationWrite.NOW);
        return outcome(store.write(teamId == null ? write : write.setting("team", teamId), nodeId), by.id());
    }

    /** The bot takes the conversation back, with a fresh start; not from under another agent (admins may). */
    public ActionResult returnToBot(String conversationId, Agent agent, String customerText) {
        return outcome(store.write(heldBy(agent, ConversationWrite.of(conversationId,
                        new ReturnedToBot(conversationId, agent.id()),
                        new MessageCreated(conversationId, Author.system(), customerText, List.of(), null, null))
                .through(Transition.RETURN_TO_BOT).setting("assignee", NOBODY)), nodeId), agent.id());
    }

    /** Closes a waiting conversation or one the agent holds (admins: any). */
    public ActionResult resolve(String conversationId, Agent agent) {
        return outcome(store.write(heldBy(agent, ConversationWrite.of(conversationId,
                        new Resolved(conversationId, agent.id()))
                .through(Transition.RESOLVE).setting("resolvedAt", ConversationWrite.NOW)), nodeId), agent.id());
    }

    /** An agent acts only on conversations nobody else holds; an admin on any. */
    private static ConversationWrite heldBy(Agent agent, ConversationWrite write) {
        return agent.isAdmin() ? write : write.onlyIfFreeOrHeldBy(agent.id());
    }

    /** Opens a resolved conversation again, in the agent's hands. */
    public ActionResult reopen(String conversationId, Agent agent) {
        return outcome(store.write(ConversationWrite.of(conversationId, new Reopened(conversationId, agent.id()),
                        new AgentJoined(conversationId, authorOf(agent), agent.id()))
                .through(Transition.REOPEN_BY_AGENT).setting("assignee", agent.id()), nodeId), agent.id());
    }

    /** The agent has read the conversation up to {@code seq}. */
    public ActionResult markRead(String conversationId, Agent agent, String seq) {
        return outcome(store.write(ConversationWrite.of(conversationId, new MessageRead(conversationId, agent.id(),
                seq)).setting("agentReadSeq", seq).setting("unreadByAgent", "0"), nodeId), agent.id());
    }

    private static ActionResult outcome(AppendResult result, String agentId) {
        return switch (result.status()) {
            case APPENDED, DUPLICATE -> ActionResult.done(result.seq());
            case NO_CONVERSATION -> ActionResult.of(ActionResult.Outcome.NOT_FOUND);
            case OVER_CAPACITY -> ActionResult.of(ActionResult.Outcome.OVER_CAPACITY);
            case NOT_OWNER -> notOwner(result, agentId);
            // An agent's write has no customer budget and no read-receipt condition.
            case RATE_LIMITED, UNCHANGED -> throw new IllegalStateException("an agent's write answered " + result);
        };
    }

    private static ActionResult notOwner(AppendResult result, String agentId) {
        if (result.currentOwner() == Owner.AGENT && result.currentAssignee() != null
                && !result.currentAssignee().equals(agentId)) {
            return new ActionResult(ActionResult.Outcome.CLAIMED_BY_OTHER, null, result.currentAssignee());
        }
        return ActionResult.of(result.currentOwner() == Owner.AGENT ? ActionResult.Outcome.NOT_YOURS
                : ActionResult.Outcome.WRONG_STATE);
    }
}
