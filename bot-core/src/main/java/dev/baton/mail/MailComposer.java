package dev.baton.mail;

import dev.baton.conversation.Author;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.CustomerText;
import dev.baton.conversation.Role;
import dev.baton.event.MessageCreated;
import dev.baton.kb.Language;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.email.EmailPopulatingBuilder;
import org.simplejavamail.email.EmailBuilder;

/**
 * Writes the emails: from "<agent> via <team>" at the configured address, replies going to the conversation's
 * tokened address (bounces too), threaded per conversation, in the customer's language, as plain text (what the
 * customer and the agents wrote is text, never HTML).
 */
final class MailComposer {
    /** How many earlier messages of the conversation an email of replies quotes. */
    static final int EARLIER_MESSAGES = 10;
    /** An earlier message is quoted up to this many characters. */
    private static final int QUOTED_LENGTH = 500;
    public static final String MAIL_ID_HEADER = "X-Baton-Mail-Id";

    private final MailSettings settings;
    private final MailTokens tokens;
    private final InternetAddress sender;
    private final String domain;

    MailComposer(MailSettings settings, MailTokens tokens) {
        this.settings = settings;
        this.tokens = tokens;
        this.sender = settings.sender();
        this.domain = sender.getAddress().substring(sender.getAddress().lastIndexOf('@') + 1);
    }

    /** One email of the agent replies in {@code replies}, quoting the messages before them. */
    Email replies(String mailId, Conversation conversation, String to, String team, List<MessageCreated> replies,
            List<MessageCreated> earlier, String link) {
        String language = Language.fromLocale(conversation.locale());
        MailTexts texts = new MailTexts(language);
        String agentName = replies.get(replies.size() - 1).author().name();
        StringBuilder body = new StringBuilder(texts.greeting(conversation.customer().firstName())).append("\n\n");
        for (MessageCreated reply : replies) {
            body.append(reply.text().strip()).append("\n\n");
        }
        body.append(texts.signature(agentName, team)).append("\n\n").append(texts.answerHere(link)).append("\n");
        if (!earlier.isEmpty()) {
            body.append("\n").append(texts.earlier()).append("\n");
            for (MessageCreated message : earlier) {
                body.append("\n").append(nameOf(message.author(), texts)).append(": ")
                        .append(CustomerText.oneLine(message.text(), QUOTED_LENGTH));
            }
            body.append("\n");
        }
        return base(mailId, conversation.id(), agentName + " via " + team, to)
                .withSubject(texts.repliesSubject(agentName))
                .withPlainText(body.toString())
                .buildEmail();
    }

    /** The rating request after the resolve at {@code resolvedSeq}: five links, each records only its rating. */
    Email csat(String mailId, Conversation conversation, String resolvedSeq, String to, String team, String baseUrl) {
        MailTexts texts = new MailTexts(Language.fromLocale(conversation.locale()));
        StringBuilder body = new StringBuilder(texts.greeting(conversation.customer().firstName())).append("\n\n")
                .append(texts.csatQuestion(team)).append("\n\n");
        for (int rating = 5; rating >= 1; rating--) {
            body.append(texts.csatChoice(rating)).append(": ").append(baseUrl).append("/mail/rate/")
                    .append(tokens.ratingToken(conversation.id(), rating, resolvedSeq)).append("\n");
        }
        body.append("\n").append(texts.csatReopen()).append("\n");
        return base(mailId, conversation.id(), team, to)
                .withSubject(texts.csatSubject())
                .withHeader("Auto-Submitted", "auto-generated")
                .withPlainText(body.toString())
                .buildEmail();
    }

    private EmailPopulatingBuilder base(String mailId, String conversationId, String fromName, String to) {
        String replyTo = tokens.replyAddress(settings.replyBase(), conversationId);
        String thread = "<conversation-" + conversationId + "@" + domain + ">";
        return EmailBuilder.startingBlank()
                .from(fromName, sender.getAddress())
                .withReplyTo(replyTo)
                .withBounceTo(replyTo)
                .to(to)
                .fixingMessageId("<" + mailId + "@" + domain + ">")
                .withHeader("References", thread)
                .withHeader("In-Reply-To", thread)
                .withHeader(MAIL_ID_HEADER, mailId);
    }

    private static String nameOf(Author author, MailTexts texts) {
        if (author.role() == Role.CUSTOMER) {
            return texts.you();
        }
        return author.name() != null ? author.name() : "Bot";
    }
}
