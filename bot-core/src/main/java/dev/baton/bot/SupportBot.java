package dev.baton.bot;

import dev.baton.conversation.Author;
import dev.baton.conversation.Citation;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.Role;
import dev.baton.event.EventListener;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.kb.Answer;
import dev.baton.kb.Answerer;
import dev.baton.kb.ArticleLinks;
import dev.baton.kb.Language;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot, as one more listener of the event feed: for every customer message that this node stored, it answers
 * from the knowledge base. It writes only while it owns the conversation; the store checks that atomically.
 */
public final class SupportBot implements EventListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SupportBot.class);

    private final ConversationService conversations;
    private final Answerer answerer;
    private final ArticleLinks links;
    private final Author botAuthor;
    private final String nodeId;
    private final KeyedExecutor executor;

    public SupportBot(ConversationService conversations, Answerer answerer, ArticleLinks links, String botName,
            String nodeId, int threads) {
        this.conversations = conversations;
        this.answerer = answerer;
        this.links = links;
        this.botAuthor = Author.bot(botName);
        this.nodeId = nodeId;
        this.executor = new KeyedExecutor("baton-bot", threads);
    }

    @Override
    public void onEvent(LoggedEvent logged) {
        // Every node hears every event; the node that stored a message is the one that answers it.
        if (logged.event() instanceof MessageCreated message && message.author().role() == Role.CUSTOMER
                && nodeId.equals(logged.origin())) {
            executor.execute(message.conversationId(), () -> reply(message));
        }
    }

    private void reply(MessageCreated question) {
        try {
            Optional<Answer> answer = answerer.answer(question.text());
            if (answer.isPresent() && answer.get().confident()) {
                var article = answer.get().article();
                var citation = new Citation(article.id(), article.title(), links.url(article.id()));
                conversations.addBotMessage(question.conversationId(), botAuthor, answer.get().passage(),
                        List.of(citation), rounded(answer.get().confidence()));
            } else {
                conversations.addBotMessage(question.conversationId(), botAuthor,
                        BotMessages.notSure(Language.detect(question.text())), List.of(),
                        answer.map(a -> rounded(a.confidence())).orElse(0.0));
            }
        } catch (RuntimeException e) {
            log.error("The bot could not answer in conversation {}", question.conversationId(), e);
        }
    }

    private static double rounded(double confidence) {
        return Math.round(Math.max(0, Math.min(1, confidence)) * 1000) / 1000.0;
    }

    @Override
    public void close() {
        executor.close();
    }
}
