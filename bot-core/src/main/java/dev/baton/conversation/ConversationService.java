package dev.baton.conversation;

import dev.baton.detect.Analysis;
import dev.baton.event.ChoicePicked;
import dev.baton.event.ConversationEvent;
import dev.baton.event.CsatSubmitted;
import dev.baton.event.FeedbackGiven;
import dev.baton.event.HandedOff;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MailReceived;
import dev.baton.event.MessageAnalyzed;
import dev.baton.event.MessageCreated;
import dev.baton.event.MessageRead;
import dev.baton.event.Reopened;
import dev.baton.event.Resolved;
import dev.baton.handoff.HandoffContext;
import dev.baton.routing.Availability;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts, resumes and writes to conversations. Every write goes through the store's atomic append, so what a client
 * is told (an ack, a seq) is always already in Redis.
 */
public final class ConversationService {
    /** An empty conversation (a page view that never asked anything) is forgotten after this long. */
    static final Duration EMPTY_CONVERSATION_TTL = Duration.ofHours(24);
    /** How many events a customer may make one conversation store per minute, unless configured otherwise. */
    public static final int CUSTOMER_EVENTS_PER_MINUTE = 60;

    private final ConversationStore store;
    private final String nodeId;
    private final Clock clock;
    private final int customerEventsPerMinute;

    public ConversationService(ConversationStore store, String nodeId, Clock clock) {
        this(store, nodeId, clock, CUSTOMER_EVENTS_PER_MINUTE);
    }

    /**
     * @param customerEventsPerMinute how many events the customer's own writes (messages, feedback, ratings, read
     *     receipts, an email left, a request for a person) may add to one conversation per minute, across all their
     *     connections and every node; the bot's and the team's writes are never refused for it
     */
    public ConversationService(ConversationStore store, String nodeId, Clock clock, int customerEventsPerMinute) {
        this.store = Objects.requireNonNull(store);
        this.nodeId = Objects.requireNonNull(nodeId);
        this.clock = Objects.requireNonNull(clock);
        if (customerEventsPerMinute < 1) {
            throw new IllegalArgumentException("a customer must be able to write at least one event a minute");
        }
        this.customerEventsPerMinute = customerEventsPerMinute;
    }

    /** A new conversation and the secret that resumes it; the secret is not stored and can't be read again. */
    public record Started(Conversation conversation, String resumeToken) {}

    public Started start(String visitorId, String locale) {
        return start(visitorId, locale, Customer.visitor(visitorId, locale));
    }

    /** A new conversation with a customer the host product told us about. */
    public Started start(String visitorId, String locale, Customer customer) {
        String token = ResumeTokens.newToken();
        Conversation conversation = new Conversation(UUID.randomUUID().toString(), visitorId, Owner.BOT,
                clock.millis(), locale, null, customer, Handling.NONE);
        store.create(conversation, ResumeTokens.hash(token), EMPTY_CONVERSATION_TTL);
        return new Started(conversation, token);
    }

    /** The conversation, if it exists and {@code resumeToken} is its secret; empty otherwise (no hint which). */
    public Optional<Conversation> resume(String conversationId, String resumeToken) {
        Optional<String> storedHash = store.resumeTokenHash(conversationId);
        if (storedHash.isEmpty() || !ResumeTokens.matches(resumeToken, storedHash.get())) {
            return Optional.empty();
        }
        store.keepAlive(conversationId, EMPTY_CONVERSATION_TTL);
        return store.find(conversationId);
    }

    public Optional<Conversation> find(String conversationId) {
        return store.find(conversationId);
    }

    /** The conversations that exist among these ids, in the same order. */
    public List<Conversation> findAll(List<String> conversationIds) {
        return store.findAll(conversationIds);
    }

    /**
     * Stores a customer's message once per {@code clientMsgId}, whoever owns the conversation. A message to a
     * resolved conversation reopens it first: a fresh start in the bot's hands.
     */
    public AppendResult addCustomerMessage(String conversationId, String clientMsgId, String text) {
        var created = new MessageCreated(conversationId, Author.customer(), text, List.of(), null, clientMsgId);
        return store.write(customerMessage(ConversationWrite.of(conversationId, created), clientMsgId, text), nodeId);
    }

    /**
     * Stores a customer's message that came by email, with what the email was ({@code received}), like a message
     * from the messenger: once per {@code onceId} (a retried webhook stores nothing more), reopening a resolved
     * conversation.
     */
    public AppendResult addCustomerMail(String conversationId, String onceId, String text, MailReceived received) {
        var created = new MessageCreated(conversationId, Author.customer(), text, List.of(), null, null);
        return store.write(customerMessage(ConversationWrite.of(conversationId, created, received), onceId, text),
                nodeId);
    }

    private ConversationWrite customerMessage(ConversationWrite write, String onceId, String text) {
        // The reopen happens inside the same write, after the duplicate check: a resent message never reopens, and
        // is acknowledged again even when the conversation has used up its budget.
        return customers(write.once(onceId)
                .reopeningWith(new Reopened(write.conversationId(), "customer"))
                .setting("preview", Handling.previewOf(text))
                .incrementing("unreadByAgent", 1));
    }

    /**
     * Stores the bot's reply to the event at {@code answering} (a customer message, or feedback), only if the bot
     * still owns the conversation at the moment of writing, and once per such event: a second worker on the same
     * event (it was handed out again) writes nothing and gets {@code DUPLICATE}.
     */
    public AppendResult addBotMessage(String conversationId, String answering, Author bot, String text,
            List<Citation> citations, Double confidence) {
        var created = new MessageCreated(conversationId, bot, text, citations, confidence, null);
        return store.write(ConversationWrite.of(conversationId, created).once(turnOf(answering))
                .onlyIfOwner(Owner.BOT).setting("preview", Handling.previewOf(text)), nodeId);
    }

    /** A bot's "Did you mean…" with the articles it offers, once per customer message, only while it owns it. */
    public AppendResult addBotChoices(String conversationId, String answering, Author bot, String text,
            List<Citation> choices, Double confidence) {
        var created = new MessageCreated(conversationId, bot, text, List.of(), confidence, null, choices);
        return store.write(ConversationWrite.of(conversationId, created).once(turnOf(answering))
                .onlyIfOwner(Owner.BOT).setting("preview", Handling.previewOf(text)), nodeId);
    }

    /**
     * The customer's pick on the bot's choices at {@code messageSeq} ({@code articleId} null: none of these); empty
     * when that is not a bot message offering that article. A second pick on the same message changes nothing.
     */
    public Optional<AppendResult> addPick(String conversationId, String messageSeq, String articleId) {
        boolean offered = store.eventAt(conversationId, messageSeq)
                .filter(e -> e.event() instanceof MessageCreated created && created.author().role() == Role.BOT
                        && !created.choices().isEmpty() && (articleId == null || created.choices().stream()
                                .anyMatch(choice -> choice.articleId().equals(articleId))))
                .isPresent();
        if (!offered) {
            return Optional.empty();
        }
        return Optional.of(store.write(customers(ConversationWrite.of(conversationId,
                new ChoicePicked(conversationId, messageSeq, articleId)).once("pick/" + messageSeq)), nodeId));
    }

    /** Records what the detectors read in the customer message at {@code messageSeq}, once per message. */
    public AppendResult addAnalysis(String conversationId, String messageSeq, Analysis analysis) {
        return store.write(ConversationWrite.of(conversationId,
                new MessageAnalyzed(conversationId, messageSeq, analysis)).once("analysis/" + messageSeq), nodeId);
    }

    /**
     * The once-id of the bot's turn on the event at {@code seq}: its reply or its handoff, whichever it writes. A
     * client's ids can't hold a slash (docs/protocol.md), so they never stand for one of these.
     */
    private static String turnOf(String seq) {
        return "turn/" + Objects.requireNonNull(seq, "the event the bot answers");
    }

    /**
     * Records the customer's "Did this help?" on a bot message; empty (nothing written) when {@code messageSeq} is
     * not a bot message of this conversation.
     */
    public Optional<AppendResult> addFeedback(String conversationId, String messageSeq, boolean helpful) {
        boolean botMessage = store.eventAt(conversationId, messageSeq)
                .filter(e -> e.event() instanceof MessageCreated created && created.author().role() == Role.BOT)
                .isPresent();
        if (!botMessage) {
            return Optional.empty();
        }
        return Optional.of(store.write(customers(ConversationWrite.of(conversationId,
                new FeedbackGiven(conversationId, messageSeq, helpful))), nodeId));
    }

    /**
     * A customer returning to a resolved conversation gets a fresh start in the bot's hands. Two writers racing
     * here: one reopens, the other finds the owner moved and writes nothing (NOT_OWNER).
     */
    public AppendResult reopenIfResolved(String conversationId) {
        return store.write(customers(ConversationWrite.of(conversationId, new Reopened(conversationId, "customer"))
                .through(Transition.REOPEN)), nodeId);
    }

    /**
     * Moves the conversation from the bot to the team's queue, with the context and the honest message the customer
     * sees, in one atomic step; refused (nothing written) unless the bot owns it at that moment.
     *
     * @param answering the event the bot hands over after (written once per such event, like its replies), or null
     *     when the customer asked for a person themselves
     */
    public AppendResult handOff(String conversationId, String answering, HandoffContext context, String team,
            Availability availability, Author system, String customerText) {
        var write = ConversationWrite.of(conversationId, new HandedOff(conversationId, context, team, availability),
                        new MessageCreated(conversationId, system, customerText, List.of(), null, null))
                .through(Transition.HAND_OFF)
                .setting("team", team == null ? "" : team)
                .setting("priority", context.priority().code())
                .setting("reason", context.reason().code())
                .setting("handedOffAt", Long.toString(context.handedOffAt()));
        return store.write(answering == null ? customers(write) : write.once(turnOf(answering)), nodeId);
    }

    /** Closes the conversation, from any open state; {@code by} is who closed it. */
    public AppendResult resolve(String conversationId, String by) {
        return store.write(ConversationWrite.of(conversationId, new Resolved(conversationId, by))
                .through(Transition.RESOLVE), nodeId);
    }

    /** Records who the customer is, as the host product said on this visit. */
    public void identify(String conversationId, Customer customer) {
        store.identify(conversationId, customer);
    }

    /**
     * The customer left an email address to be answered at: it becomes the conversation's contact address (for a
     * verified customer, an attribute beside the product's own details), and the confirmation {@code system} says
     * goes into the transcript, where agents see it too. Empty when there is no such conversation.
     */
    public Optional<AppendResult> leaveEmail(String conversationId, String email, Author system, String confirmation) {
        Optional<Conversation> conversation = store.find(conversationId);
        if (conversation.isEmpty()) {
            return Optional.empty();
        }
        Customer before = conversation.get().customer();
        Customer customer = before != null ? before
                : Customer.visitor(conversation.get().visitorId(), conversation.get().locale());
        // The address first, so whoever reads the confirmation finds it on the conversation.
        if (!customer.verified()) {
            store.identify(conversationId, customer.withEmail(email));
        } else if (customer.email() == null) {
            // Verified details stay the product's own; the customer's word goes beside them for the agents.
            store.identify(conversationId, customer.withAttribute("emailLeftInChat", email));
        }
        AppendResult confirmed = store.write(customers(ConversationWrite.of(conversationId,
                new MessageCreated(conversationId, system, confirmation, List.of(), null, null))), nodeId);
        if (!confirmed.stored()) {
            store.identify(conversationId, customer); // over the budget: the address is not kept either
        }
        return Optional.of(confirmed);
    }

    /**
     * The customer's rating of a resolved conversation (a later one replaces it); refused (nothing written) unless
     * the conversation is resolved at that moment.
     */
    public AppendResult rate(String conversationId, int rating, String comment) {
        return store.write(customers(ConversationWrite.of(conversationId,
                        new CsatSubmitted(conversationId, rating, comment))
                .onlyIfOwner(Owner.RESOLVED)
                .setting("csatRating", Integer.toString(rating))), nodeId);
    }

    /**
     * The customer has read the conversation up to {@code seq}: agents see "Seen". Stored only when it moves the
     * customer's read position forward (decided in the write itself, so racing tabs store each step once);
     * otherwise UNCHANGED.
     */
    public AppendResult customerRead(String conversationId, String seq) {
        return store.write(customers(ConversationWrite.of(conversationId,
                new MessageRead(conversationId, "customer", seq)).onlyIfAdvancing("customerReadSeq", seq)), nodeId);
    }

    /** A write the customer makes: it counts against the conversation's budget of customer events a minute. */
    private ConversationWrite customers(ConversationWrite write) {
        return write.withinCustomerBudget(customerEventsPerMinute);
    }

    /**
     * The customer's conversations, newest first: every device's when the host product verified who they are,
     * otherwise this browser's.
     */
    public List<Conversation> ofCustomer(Customer customer, String visitorId, int limit) {
        if (customer != null && customer.verified() && customer.userId() != null) {
            return store.ofUser(customer.userId(), limit);
        }
        return store.ofVisitor(visitorId, limit);
    }

    /**
     * Resumes a conversation for a customer whose identity was verified on this visit, on any device: only a
     * conversation already stored as that same verified user's.
     */
    public Optional<Conversation> resumeAsUser(String conversationId, String userId) {
        return store.find(conversationId).filter(c -> c.customer() != null && c.customer().verified()
                && userId.equals(c.customer().userId()));
    }

    /** The conversation's log, read for the bot and the handoff. */
    public History history(String conversationId) {
        return History.of(store.eventsAfter(conversationId, null));
    }

    /** The context of the conversation's latest handoff, if it was ever handed off. */
    public Optional<HandoffContext> latestHandoff(String conversationId) {
        return latest(conversationId, HandedOff.class).map(logged -> ((HandedOff) logged.event()).context());
    }

    /** The seq of the conversation's latest resolve, if it was ever resolved. */
    public Optional<String> latestResolve(String conversationId) {
        return latest(conversationId, Resolved.class).map(LoggedEvent::seq);
    }

    private Optional<LoggedEvent> latest(String conversationId, Class<? extends ConversationEvent> type) {
        List<LoggedEvent> events = store.eventsAfter(conversationId, null);
        for (int i = events.size() - 1; i >= 0; i--) {
            if (type.isInstance(events.get(i).event())) {
                return Optional.of(events.get(i));
            }
        }
        return Optional.empty();
    }

    public List<LoggedEvent> eventsAfter(String conversationId, String afterSeq) {
        return store.eventsAfter(conversationId, afterSeq);
    }
}
