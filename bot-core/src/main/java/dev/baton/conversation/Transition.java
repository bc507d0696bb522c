package dev.baton.conversation;

import java.util.EnumSet;
import java.util.Set;

/** The moves between owners that Baton allows, each from the owners it may start at; nothing else changes owner. */
public enum Transition {
    /** The bot passes the conversation to the team's queue. */
    HAND_OFF(Owner.WAITING, Owner.BOT),
    /** An agent takes a waiting conversation. */
    CLAIM(Owner.AGENT, Owner.WAITING),
    /** An agent steps into a conversation the bot is handling. */
    TAKE_OVER(Owner.AGENT, Owner.BOT),
    /** An agent gives a conversation back to the queue (to a team). */
    REQUEUE(Owner.WAITING, Owner.AGENT),
    /** A person hands the conversation back to the bot. */
    RETURN_TO_BOT(Owner.BOT, Owner.WAITING, Owner.AGENT),
    RESOLVE(Owner.RESOLVED, Owner.BOT, Owner.WAITING, Owner.AGENT),
    /** The customer writes again after it was resolved: a fresh start in the bot's hands. */
    REOPEN(Owner.BOT, Owner.RESOLVED),
    /** An agent opens a resolved conversation again and keeps it. */
    REOPEN_BY_AGENT(Owner.AGENT, Owner.RESOLVED);

    private final Owner to;
    private final Set<Owner> from;

    Transition(Owner to, Owner first, Owner... more) {
        this.to = to;
        this.from = EnumSet.of(first, more);
    }

    public Owner to() {
        return to;
    }

    public Set<Owner> from() {
        return from;
    }

}
