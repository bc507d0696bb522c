package dev.baton.bot;

import dev.baton.conversation.Author;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.History;
import dev.baton.conversation.Owner;
import dev.baton.conversation.Role;
import dev.baton.conversation.Seq;
import dev.baton.detect.Analysis;
import dev.baton.detect.MessageAnalyzer;
import dev.baton.event.ChoicePicked;
import dev.baton.event.FeedbackGiven;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.event.Signal;
import dev.baton.event.Worker;
import dev.baton.handoff.Decision;
import dev.baton.handoff.HandoffPolicy;
import dev.baton.handoff.HandoffService;
import dev.baton.handoff.Reason;
import dev.baton.kb.Answer;
import dev.baton.kb.Answerer;
import dev.baton.kb.ArticleLinks;
import dev.baton.kb.ContentGaps;
import dev.baton.kb.Language;
import dev.baton.kb.Question;
import dev.baton.llm.AnswerWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot, as a worker of the event feed. For each customer message it runs one turn: detect (intent, frustration)
 * -> retrieve -> decide (hand over, or not) -> answer. The feed gives each message to one node and gives it again
 * to another if that node dies mid-turn. The bot writes only while it owns the conversation; the store checks that
 * atomically, so no reply lands after a handoff or a takeover. And it writes each turn once: the analysis and the
 * reply (or handoff) are stored once per customer message, so a message worked on twice is still answered once.
 */
public final class SupportBot implements Worker, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SupportBot.class);

    private final ConversationService conversations;
    private final Answerer answerer;
    private final MessageAnalyzer analyzer;
    private final HandoffPolicy policy;
    private final HandoffService handoffs;
    private final ArticleLinks links;
    private final Author botAuthor;
    private final KeyedExecutor executor;
    private final ContentGaps gaps;
    private final FollowUps followUps;
    private final ChoiceTurns choices;

    /**
     * A bot that answers with the passages as written.
     *
     * @param gaps where the questions it could not answer well are kept, for admins
     */
    public SupportBot(ConversationService conversations, Answerer answerer, MessageAnalyzer analyzer,
            HandoffPolicy policy, HandoffService handoffs, ArticleLinks links, String botName, int threads,
            ContentGaps gaps) {
        this(conversations, answerer, analyzer, policy, handoffs, links, botName, threads, gaps,
                AnswerWriter.EXTRACTIVE, draft -> {});
    }

    /**
     * @param writer words a confident answer from its passage (a language model), or declines
     * @param drafts hears the pieces of the answers the writer is writing ({@link Signal#answerDraft}), unchecked
     */
    public SupportBot(ConversationService conversations, Answerer answerer, MessageAnalyzer analyzer,
            HandoffPolicy policy, HandoffService handoffs, ArticleLinks links, String botName, int threads,
            ContentGaps gaps, AnswerWriter writer, Consumer<Signal> drafts) {
        this.conversations = conversations;
        this.answerer = answerer;
        this.analyzer = analyzer;
        this.policy = policy;
        this.handoffs = handoffs;
        this.links = links;
        this.botAuthor = Author.bot(botName);
        this.executor = new KeyedExecutor("baton-bot", threads);
        this.gaps = gaps;
        this.followUps = new FollowUps(answerer);
        this.choices = new ChoiceTurns(conversations, answerer, links, botAuthor, writer, drafts);
    }

    @Override
    public void take(LoggedEvent logged, Runnable done) {
        if (logged.event() instanceof MessageCreated message && message.author().role() == Role.CUSTOMER) {
            executor.execute(message.conversationId(), () -> guarded(message.conversationId(),
                    () -> turn(logged.seq(), message), done));
        } else if (logged.event() instanceof ChoicePicked pick) {
            executor.execute(pick.conversationId(), () -> guarded(pick.conversationId(),
                    () -> picked(logged.seq(), pick), done));
        } else if (logged.event() instanceof FeedbackGiven feedback && !feedback.helpful()) {
            executor.execute(feedback.conversationId(), () -> guarded(feedback.conversationId(),
                    () -> notHelpful(logged.seq(), feedback), done));
        } else {
            done.run();
        }
    }

    private void guarded(String conversationId, Runnable step, Runnable done) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.error("The bot failed in conversation {}", conversationId, e);
        } finally {
            done.run();
        }
    }

    private void turn(String seq, MessageCreated message) {
        String id = message.conversationId();
        Optional<Conversation> conversation = conversations.find(id);
        if (conversation.isEmpty()) {
            return;
        }
        History history = conversations.history(id);
        Question question = answerer.prepare(message.text());
        Analysis analysis = analyzer.analyze(seq, message.text(), question.language(), question.vector(), history);
        conversations.addAnalysis(id, seq, analysis);
        if (conversation.get().owner() != Owner.BOT) {
            return; // a person has it; the analysis is for them
        }
        Optional<Answer> answer = followUps.answer(question, history, seq);
        boolean repeats = answer.isPresent()
                && HandoffPolicy.repeatsLastAnswer(analysis, answer.get().article().id(), history);
        boolean offer = !repeats && answer.isPresent() && answer.get().offersChoices();
        boolean unsure = answer.isEmpty() || repeats || !answer.get().confident() && !offer;
        // Choices are the bot not knowing which article. A new question after them is not a failure (customers
        // move on), but the same question again is: it reaches a person rather than the same choices once more.
        Optional<Decision> handoff = policy.decide(analysis, unsure || offer && analysis.asksAgain(),
                history.with(seq, analysis));
        // A request for a refund or a person is not a missing article; a question nobody wrote about is. Recorded
        // before the reply, so an admin sees it as soon as the customer does; the store records a turn's gap once.
        if (unsure && handoff.map(d -> d.reason() == Reason.LOW_CONFIDENCE).orElse(true)) {
            gaps.record(new ContentGaps.Gap(message.text(), question.language(), "not_sure", id, Seq.millis(seq)));
        }
        if (handoff.isPresent()) {
            handoffs.handOff(conversation.get(), history.with(seq, analysis), handoff.get(), question.language(), seq);
        } else if (offer) {
            choices.offer(id, seq, answer.get(), question.language());
        } else if (!unsure) {
            choices.answer(id, seq, answer.get(), message.text(), question.language());
        } else {
            conversations.addBotMessage(id, seq, botAuthor, BotMessages.notSure(question.language()), List.of(),
                    answer.map(a -> rounded(a.confidence())).orElse(0.0));
        }
    }

    /** A pick on "Did you mean…": that article's passage; "None of these" is a not-sure turn that offers a person. */
    private void picked(String seq, ChoicePicked pick) {
        String id = pick.conversationId();
        boolean answered = pick.articleId() != null
                && conversations.find(id).filter(c -> c.owner() == Owner.BOT).isPresent()
                && choices.picked(id, seq, pick.messageSeq(), pick.articleId(), conversations.history(id)).isPresent();
        if (!answered) {
            turnedDown(seq, id, pick.messageSeq(), true, BotMessages::notSure, 0.0, "not_sure");
        }
    }

    /** "Did this help? No": hand over if that makes too many in a row, else apologise and offer a person. */
    private void notHelpful(String seq, FeedbackGiven feedback) {
        turnedDown(seq, feedback.conversationId(), feedback.messageSeq(), false, BotMessages::sorryNotHelpful, null,
                "not_helpful");
    }

    /**
     * The customer turned down what the bot said at {@code messageSeq}: hand over if that makes too many in a row,
     * else {@code reply} and offer a person; the question is a content gap either way.
     *
     * @param unsure whether this counts as a reply the bot was not sure of
     */
    private void turnedDown(String seq, String id, String messageSeq, boolean unsure,
            Function<String, String> reply, Double confidence, String why) {
        Optional<Conversation> conversation = conversations.find(id);
        if (conversation.isEmpty() || conversation.get().owner() != Owner.BOT) {
            return;
        }
        History history = conversations.history(id);
        String language = Language.fromLocale(conversation.get().locale());
        Optional<Decision> handoff = policy.decide(new Analysis(null, 0, 0, List.of(), false), unsure, history);
        history.questionBefore(messageSeq).ifPresent(question -> gaps.record(new ContentGaps.Gap(
                question.text(), language, why, id, question.ts())));
        if (handoff.isPresent()) {
            handoffs.handOff(conversation.get(), history, handoff.get(), language, seq);
        } else {
            conversations.addBotMessage(id, seq, botAuthor, reply.apply(language), List.of(), confidence);
        }
    }

    static double rounded(double confidence) {
        return Math.round(Math.max(0, Math.min(1, confidence)) * 1000) / 1000.0;
    }

    @Override
    public void close() {
        executor.close();
    }
}
