package dev.baton.bot;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.History;
import dev.baton.conversation.Message;
import dev.baton.conversation.Role;
import dev.baton.conversation.Seq;
import dev.baton.event.ChoicePicked;
import dev.baton.event.EventListener;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.kb.Article;
import dev.baton.kb.ExampleProposals;
import dev.baton.kb.KnowledgeBase;
import dev.baton.kb.Language;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns example questions from conversations, as proposals for an admin: a question whose offered article the
 * customer picked, and a question the bot was not sure of that an agent answered with a link to an article. It only
 * proposes; {@link ExampleProposals} keeps them until an admin accepts or dismisses them. Reads in the background, so
 * the event bus is never held up; the same proposal seen on several nodes is stored once.
 */
public final class ExampleLearner implements EventListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExampleLearner.class);
    /** An article link as Baton writes them ({@code …/kb/<id>}). */
    private static final Pattern ARTICLE_LINK = Pattern.compile("/kb/([a-z0-9][a-z0-9-]{0,79})");

    private final ConversationService conversations;
    private final KnowledgeBase knowledgeBase;
    private final ExampleProposals proposals;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "baton-example-learner");
        thread.setDaemon(true);
        return thread;
    });

    public ExampleLearner(ConversationService conversations, KnowledgeBase knowledgeBase,
            ExampleProposals proposals) {
        this.conversations = conversations;
        this.knowledgeBase = knowledgeBase;
        this.proposals = proposals;
    }

    @Override
    public void onEvent(LoggedEvent logged) {
        if (logged.event() instanceof ChoicePicked pick && pick.articleId() != null
                || logged.event() instanceof MessageCreated message && message.author().role() == Role.AGENT) {
            reader.execute(() -> {
                try {
                    learn(logged);
                } catch (RuntimeException e) {
                    log.warn("Could not learn from conversation {}", logged.event().conversationId(), e);
                }
            });
        }
    }

    private void learn(LoggedEvent logged) {
        String id = logged.event().conversationId();
        History history = conversations.history(id);
        if (logged.event() instanceof ChoicePicked pick) {
            history.questionBefore(pick.messageSeq()).ifPresent(question ->
                    propose(question, pick.articleId(), "picked", id));
        } else if (logged.event() instanceof MessageCreated message) {
            Matcher link = ARTICLE_LINK.matcher(message.text());
            if (link.find()) {
                lastNotSure(history, logged.seq()).flatMap(reply -> history.questionBefore(reply.seq()))
                        .ifPresent(question -> propose(question, link.group(1), "agent_link", id));
            }
        }
    }

    /** The bot's last "not sure" reply (no article, a confidence) before {@code seq}. */
    private static Optional<Message> lastNotSure(History history, String seq) {
        List<Message> before = history.transcript().stream()
                .filter(m -> Seq.compare(m.seq(), seq) < 0).toList();
        for (int i = before.size() - 1; i >= 0; i--) {
            Message m = before.get(i);
            if (m.author().role() == Role.BOT && m.citations() == null && m.choices() == null
                    && m.confidence() != null) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private void propose(Message question, String articleId, String source, String conversationId) {
        Optional<Article> article = knowledgeBase.find(articleId);
        if (article.isEmpty() || article.get().examples().contains(question.text().strip())) {
            return;
        }
        proposals.propose(new ExampleProposals.Proposal(idOf(question.text(), articleId), question.text().strip(),
                Language.detect(question.text()), articleId, source, conversationId, question.ts()));
    }

    static String idOf(String question, String articleId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((articleId + "\n"
                    + question.strip().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
