package dev.baton.mail;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.baton.access.Sha256;
import dev.baton.conversation.AppendResult;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.ConversationStore;
import dev.baton.conversation.ConversationWrite;
import dev.baton.conversation.CustomerText;
import dev.baton.event.MailBounced;
import dev.baton.event.MailReceived;
import java.util.Optional;

/**
 * Takes an email into its conversation: the reply token among its recipients says which (a forged or altered one is
 * refused), the customer's new words become a customer message (quoted history and signature stripped, the
 * attachments listed beside it, never kept or opened), and a bounce marks the mail it came back for as bounced.
 * Stored once per email (by its Message-ID, or its content when it has none), so a provider that delivers it twice
 * adds nothing.
 */
public final class InboundMailService {
    /** The mail id Baton put into the headers of what it sent, as a bounce quotes them. */
    private static final Pattern MAIL_ID = Pattern.compile(MailComposer.MAIL_ID_HEADER + ":\\s*(m[0-9a-f]{32})",
            Pattern.CASE_INSENSITIVE);
    /** The first line of a bounce that says what went wrong ("Status: 5.1.1", "550 5.1.1 User unknown", …). */
    private static final Pattern BOUNCE_REASON = Pattern.compile(
            "(?m)^\\s*(Diagnostic-Code:.*|Status:\\s*[45]\\.\\d+\\.\\d+.*|[45]\\d\\d[ -][45]\\.\\d+\\.\\d+.*)$");

    private final MailTokens tokens;
    private final ConversationService conversations;
    private final ConversationStore store;
    private final String nodeId;

    public InboundMailService(MailTokens tokens, ConversationService conversations, ConversationStore store,
            String nodeId) {
        this.tokens = tokens;
        this.conversations = conversations;
        this.store = store;
        this.nodeId = nodeId;
    }

    /** What became of an email. */
    public record Outcome(Kind kind, String conversationId, String seq) {
        public enum Kind {
            /** a new customer message (or, for a bounce, the bounce) is in the conversation */
            STORED,
            /** this email was taken before: nothing more was stored */
            DUPLICATE,
            /** no recipient carries a reply token: not a reply to Baton's mail */
            NO_TOKEN,
            /** a reply token whose signature does not hold */
            FORGED,
            /** the token's conversation does not exist (any more) */
            GONE,
            /** nothing new was written above the quoted history, and nothing attached */
            EMPTY,
            /** the conversation has taken as many customer events this minute as it may */
            RATE_LIMITED
        }

        static Outcome of(Kind kind) {
            return new Outcome(kind, null, null);
        }
    }

    public Outcome receive(InboundMail mail) {
        MailTokens.Route route = tokens.route(mail.recipients());
        if (route.status() == MailTokens.Route.Status.MISSING) {
            return Outcome.of(Outcome.Kind.NO_TOKEN);
        }
        if (route.status() == MailTokens.Route.Status.FORGED) {
            return Outcome.of(Outcome.Kind.FORGED);
        }
        String id = route.conversationId();
        // A digest of what identifies the email.
        String onceId = "mail-in/" + Sha256.hex(mail.messageId() != null && !mail.messageId().isBlank()
                ? mail.messageId().strip() : mail.from() + "\n" + mail.subject() + "\n" + mail.text()).substring(0, 32);
        if (mail.deliveryReport()) {
            Optional<Conversation> conversation = conversations.find(id);
            return conversation.isEmpty() ? Outcome.of(Outcome.Kind.GONE)
                    : bounce(id, onceId, mail, MailDispatcher.addressOf(conversation.get()));
        }
        // A reply to a conversation that is gone is told by the write (NO_CONVERSATION): no look before it.
        String text = ReplyText.of(mail.text());
        if (text.isEmpty() && mail.attachments().isEmpty()) {
            return Outcome.of(Outcome.Kind.EMPTY);
        }
        if (text.isEmpty()) {
            text = "(" + mail.attachments().size() + " attachment" + (mail.attachments().size() == 1 ? "" : "s")
                    + ")";
        }
        AppendResult result = conversations.addCustomerMail(id, onceId, text,
                new MailReceived(id, CustomerText.oneLine(mail.from(), 320),
                        CustomerText.oneLine(mail.subject(), 500), mail.attachments()));
        return outcome(result, id);
    }

    private Outcome bounce(String conversationId, String onceId, InboundMail mail, String customerAddress) {
        Matcher mailId = MAIL_ID.matcher(mail.text());
        Matcher reason = BOUNCE_REASON.matcher(mail.text());
        String why = reason.find() ? reason.group(1).strip() : CustomerText.oneLine(mail.subject(), 200);
        var bounced = new MailBounced(conversationId, mailId.find() ? mailId.group(1) : null, customerAddress,
                CustomerText.oneLine(why.isEmpty() ? "a bounce came back" : why, 500));
        return outcome(store.write(ConversationWrite.of(conversationId, bounced).once(onceId), nodeId),
                conversationId);
    }

    private static Outcome outcome(AppendResult result, String conversationId) {
        return switch (result.status()) {
            case APPENDED -> new Outcome(Outcome.Kind.STORED, conversationId, result.seq());
            case DUPLICATE -> new Outcome(Outcome.Kind.DUPLICATE, conversationId, result.seq());
            case RATE_LIMITED -> Outcome.of(Outcome.Kind.RATE_LIMITED);
            case NO_CONVERSATION -> Outcome.of(Outcome.Kind.GONE);
            default -> throw new IllegalStateException("an email's write ended " + result.status());
        };
    }
}
