package dev.baton.mail;

import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationStore;
import dev.baton.conversation.ConversationWrite;
import dev.baton.conversation.CustomerPresence;
import dev.baton.conversation.Owner;
import dev.baton.conversation.Role;
import dev.baton.conversation.Seq;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MailBounced;
import dev.baton.event.MailSent;
import dev.baton.event.MessageCreated;
import dev.baton.event.Resolved;
import dev.baton.event.Worker;
import dev.baton.routing.RoutingStore;
import dev.baton.routing.Team;
import dev.baton.work.SenderPool;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.simplejavamail.api.email.Email;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emails customers who left: an agent's replies (several in a row as one email) and, after a resolve, the request to
 * rate the help. As the {@link Worker} of a work queue on the feed it hears each event on one node only and puts the
 * mail it calls for into the {@link MailOutbox}, due after the batch window; every node sends the mail that is due,
 * each taken by one node at a time (the webhooks' rule). When it is due the customer must have an email address and
 * must have had no messenger open on any node for the offline window (otherwise it waits until then, and is dropped
 * once they read the replies in the messenger). Private notes are other events and never mailed.
 *
 * <p>A mail the SMTP server refuses for good (5xx) is recorded as bounced; one that fails for now is tried again
 * after each pause of the backoff, then recorded as bounced with the last error. Sent and bounced mail are events of
 * the conversation, written once per mail id. A node that dies between the SMTP server's "OK" and that write leaves
 * the mail to another node after the lease, so a customer may rarely get one email twice (never from two nodes at
 * once).
 *
 * <p>Threads, as the webhooks': one daemon thread looks for due mail (and schedules the mail events call for), two
 * send. The look has its own thread so that an SMTP server that hangs (holding the senders for the whole timeout)
 * does not stop it, and {@link #alive()} tells a dispatcher that is stuck from one that waits on a slow server; it
 * leases no more mail than the senders hold room for, so none waits here past its lease while another node could
 * send it. {@link #close()} stops them; attempts in flight are abandoned and taken again after their lease.
 */
public final class MailDispatcher implements Worker, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    public static final List<Duration> DEFAULT_BACKOFF = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(10), Duration.ofMinutes(30));
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofSeconds(1);
    /**
     * The most attempts this node holds at once, sending or waiting for a sender: two senders finish 4 in 40 s at
     * worst (20 s each), within the lease.
     */
    static final int HELD_ATTEMPTS = 4;

    private final MailOutbox outbox;
    private final ConversationStore conversations;
    private final RoutingStore routing;
    private final CustomerPresence presence;
    private final MailSettings settings;
    private final MailComposer composer;
    private final SmtpMail smtp;
    private final Supplier<String> publicUrl;
    private final Clock clock;
    private final String nodeId;
    private final List<Duration> backoff;
    private final Duration poll;
    private final ScheduledExecutorService drainer =
            Executors.newSingleThreadScheduledExecutor(SenderPool.daemons("baton-mail-drain"));
    private final SenderPool<PendingMail> senders = new SenderPool<>("baton-mail-send", 2, HELD_ATTEMPTS,
            this::attempt);
    private volatile boolean running = true;
    /** When the last look for due mail began (epoch ms); 0 before the first. */
    private volatile long lastDrain;

    /**
     * @param publicUrl Baton's public address (known once the server listens): rating links and, without a link URL
     *     of the settings, the link back to the conversation
     */
    public MailDispatcher(MailOutbox outbox, ConversationStore conversations, RoutingStore routing,
            CustomerPresence presence, MailSettings settings, MailTokens tokens, Supplier<String> publicUrl,
            Clock clock, String nodeId) {
        this(outbox, conversations, routing, presence, settings, tokens, publicUrl, clock, nodeId, DEFAULT_BACKOFF,
                POLL);
    }

    public MailDispatcher(MailOutbox outbox, ConversationStore conversations, RoutingStore routing,
            CustomerPresence presence, MailSettings settings, MailTokens tokens, Supplier<String> publicUrl,
            Clock clock, String nodeId, List<Duration> backoff, Duration poll) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("email is off: there is no SMTP server to send through");
        }
        this.outbox = outbox;
        this.conversations = conversations;
        this.routing = routing;
        this.presence = presence;
        this.settings = settings;
        this.composer = new MailComposer(settings, tokens);
        this.smtp = new SmtpMail(settings.smtpUrl());
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.nodeId = nodeId;
        this.backoff = List.copyOf(backoff);
        this.poll = poll;
    }

    /** Starts sending due mail, among it any a previous run left. */
    public void start() {
        drainer.scheduleWithFixedDelay(this::drain, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An agent's reply or a resolve: the mail it may need is put into the outbox. */
    @Override
    public void take(LoggedEvent logged, Runnable done) {
        var event = logged.event();
        PendingMail mail = event instanceof MessageCreated created && created.author().role() == Role.AGENT
                ? PendingMail.replies(logged.conversationId())
                : event instanceof Resolved ? PendingMail.csat(logged.conversationId(), logged.seq()) : null;
        if (mail == null) {
            done.run();
            return;
        }
        execute(drainer, () -> {
            try {
                // A reply while replies are pending joins them: the pending one keeps its time.
                outbox.schedule(mail, clock.millis() + settings.batch().toMillis());
                done.run();
            } catch (RuntimeException e) {
                log.warn("Could not schedule the {} mail of {}: {}", mail.kind(), mail.conversationId(), e.toString());
            }
        });
    }

    private void drain() {
        lastDrain = System.currentTimeMillis();
        try {
            senders.takeAndHand(room -> running ? outbox.takeDue(clock.millis(), LEASE, room) : List.of());
        } catch (RuntimeException e) {
            log.warn("Could not look for due mail: {}", e.toString());
        }
    }

    private void attempt(PendingMail mail) {
        try {
            var found = conversations.find(mail.conversationId());
            String to = found.map(MailDispatcher::addressOf).orElse(null);
            if (to == null) {
                outbox.finish(mail.id()); // gone, or nobody to write to
                return;
            }
            long reachableAt = offlineSince(mail.conversationId()) + settings.offline().toMillis();
            if (reachableAt > clock.millis()) {
                outbox.retry(mail, reachableAt); // still reading, or just left: ask again when they count as away
                later(Duration.ofMillis(reachableAt - clock.millis()));
                return;
            }
            if (PendingMail.REPLIES.equals(mail.kind())) {
                sendReplies(mail, found.get(), to);
            } else {
                sendCsat(mail, found.get(), to);
            }
        } catch (RuntimeException e) {
            // Left leased: tried again when the lease ends.
            log.warn("Mail {} failed unexpectedly: {}", mail.id(), e.toString());
        }
    }

    /** When the customer's messenger was last open anywhere; 0 when never seen. */
    private long offlineSince(String conversationId) {
        OptionalLong seen = presence.lastSeen(conversationId);
        return seen.isPresent() ? seen.getAsLong() : 0;
    }

    private void sendReplies(PendingMail mail, Conversation conversation, String to) {
        // New are the agent's replies after the last one mailed and after what the customer read in the messenger.
        List<LoggedEvent> events = conversations.eventsAfter(conversation.id(), null);
        String mailed = mailedThrough(conversation.id(), events);
        String read = conversation.handling().customerReadSeq();
        String after = mailed == null ? read : read == null || Seq.compare(mailed, read) >= 0 ? mailed : read;
        List<MessageCreated> earlier = new ArrayList<>();
        List<MessageCreated> replies = new ArrayList<>();
        List<String> seqs = new ArrayList<>();
        for (LoggedEvent logged : events) {
            if (!(logged.event() instanceof MessageCreated message)) {
                continue;
            }
            if (message.author().role() == Role.AGENT && (after == null || Seq.compare(logged.seq(), after) > 0)) {
                replies.add(message);
                seqs.add(logged.seq());
            } else if (replies.isEmpty() && message.author().role() != Role.SYSTEM) {
                earlier.add(message); // Baton's own notices are not worth quoting
            }
        }
        if (replies.isEmpty()) {
            outbox.finish(mail.id()); // read in the messenger after all, or mailed already
            scheduleRepliesAfter(conversation.id(), events);
            return;
        }
        String last = seqs.get(seqs.size() - 1);
        String mailId = mailId(conversation.id(), last);
        Email email = composer.replies(mailId, conversation, to, teamName(conversation),
                replies, earlier.subList(Math.max(0, earlier.size() - MailComposer.EARLIER_MESSAGES), earlier.size()),
                settings.linkUrl() != null ? settings.linkUrl() : publicUrl.get() + "/");
        if (deliver(mail, conversation.id(), mailId, to, email, seqs)) {
            scheduleRepliesAfter(conversation.id(), events);
        }
    }

    /**
     * Schedules the replies mail again when an agent replied after {@code events} were read: that reply found this
     * mail pending and joined it, but this email went without it and the mail is over.
     */
    private void scheduleRepliesAfter(String conversationId, List<LoggedEvent> events) {
        String readThrough = events.isEmpty() ? null : events.get(events.size() - 1).seq();
        for (LoggedEvent logged : conversations.eventsAfter(conversationId, readThrough)) {
            if (logged.event() instanceof MessageCreated message && message.author().role() == Role.AGENT) {
                outbox.schedule(PendingMail.replies(conversationId), clock.millis() + settings.batch().toMillis());
                return;
            }
        }
    }

    /**
     * The last agent reply of the log that was mailed already: the last of an email's replies names that email (its
     * mail id), and the email's sent or bounced event is in the log (a bounce, too: those replies are not tried
     * again). Bounces of every version are found so, though their events list no replies.
     */
    private static String mailedThrough(String conversationId, List<LoggedEvent> events) {
        Set<String> mailIds = new HashSet<>();
        for (LoggedEvent logged : events) {
            if (logged.event() instanceof MailSent sent) {
                mailIds.add(sent.mailId());
            } else if (logged.event() instanceof MailBounced bounced && bounced.mailId() != null) {
                mailIds.add(bounced.mailId());
            }
        }
        String through = null;
        for (LoggedEvent logged : events) {
            if (logged.event() instanceof MessageCreated message && message.author().role() == Role.AGENT
                    && mailIds.contains(mailId(conversationId, logged.seq()))) {
                through = logged.seq();
            }
        }
        return through;
    }

    private void sendCsat(PendingMail mail, Conversation conversation, String to) {
        if (conversation.owner() != Owner.RESOLVED || conversation.handling().csatRating() != null) {
            outbox.finish(mail.id()); // reopened or rated meanwhile
            return;
        }
        String mailId = mailId(conversation.id(), "csat/" + mail.resolvedSeq());
        Email email = composer.csat(mailId, conversation, mail.resolvedSeq(), to, teamName(conversation),
                publicUrl.get());
        deliver(mail, conversation.id(), mailId, to, email, List.of());
    }

    /** Sends the email and records how it went; true when the mail is over (sent or bounced). */
    private boolean deliver(PendingMail mail, String conversationId, String mailId, String to, Email email,
            List<String> seqs) {
        SmtpMail.Outcome outcome = smtp.send(email);
        if (!running && outcome.kind() == SmtpMail.Outcome.Kind.FAILED) {
            return false; // stopping: another node (or the next start) takes it after the lease
        }
        boolean again = outcome.kind() == SmtpMail.Outcome.Kind.FAILED && mail.attempts() < backoff.size();
        if (again) {
            Duration pause = backoff.get(mail.attempts());
            log.info("Mail {} to the customer of {} failed for now ({}); trying again in {} s", mailId,
                    conversationId, outcome.detail(), pause.toSeconds());
            outbox.retry(mail.afterFailure(), clock.millis() + pause.toMillis());
            later(pause);
            return false;
        }
        var event = outcome.kind() == SmtpMail.Outcome.Kind.SENT
                ? new MailSent(conversationId, mailId, mail.kind(), to, seqs)
                : new MailBounced(conversationId, mailId, to, outcome.kind() == SmtpMail.Outcome.Kind.REFUSED
                        ? outcome.detail() : "not sent after " + (mail.attempts() + 1) + " attempts: "
                                + outcome.detail());
        // Once per mail id: a second node that (rarely) sent it again records nothing more.
        conversations.write(ConversationWrite.of(conversationId, event).once("mail/" + mailId), nodeId);
        outbox.finish(mail.id());
        return true;
    }

    /** The same id for the same mail on every node and every attempt. */
    private static String mailId(String conversationId, String what) {
        return "m" + UUID.nameUUIDFromBytes((conversationId + "/" + what).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "");
    }

    private String teamName(Conversation conversation) {
        String teamId = conversation.handling().team();
        String fallback = settings.sender().getPersonal() != null ? settings.sender().getPersonal() : "Support";
        if (teamId == null || teamId.isEmpty()) {
            return fallback;
        }
        return routing.team(teamId).map(Team::name).orElse(fallback);
    }

    /** The customer's address: the product's (verified) or the one they left in the messenger. */
    static String addressOf(Conversation conversation) {
        var customer = conversation.customer();
        if (customer == null) {
            return null;
        }
        if (customer.email() != null && !customer.email().isBlank()) {
            return customer.email();
        }
        Object left = customer.attributes().get("emailLeftInChat");
        return left instanceof String address && !address.isBlank() ? address : null;
    }

    private static void execute(ExecutorService executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException stopping) {
            // closed: what was not done is taken again from Redis
        }
    }

    private void later(Duration pause) {
        try {
            drainer.schedule(this::drain, pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // closed: the retry is in Redis and due for whichever node looks next
        }
    }

    /**
     * Whether mail is still sent: started, not stopped, and the periodic look for due mail ran within a few of its
     * periods (ten seconds at least), however long the SMTP server keeps the senders.
     */
    public boolean alive() {
        long stall = Math.max(10_000, 5 * poll.toMillis());
        return running && lastDrain > 0 && !drainer.isShutdown() && !senders.isShutdown()
                && System.currentTimeMillis() - lastDrain < stall;
    }

    @Override
    public void close() {
        running = false;
        drainer.shutdownNow();
        senders.close();
        try {
            drainer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        smtp.close();
    }
}
