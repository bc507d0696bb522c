package dev.baton.bot;

import dev.baton.conversation.AppendResult;
import dev.baton.conversation.Author;
import dev.baton.conversation.Citation;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.History;
import dev.baton.conversation.Message;
import dev.baton.event.Signal;
import dev.baton.kb.Answer;
import dev.baton.kb.Answerer;
import dev.baton.kb.Article;
import dev.baton.kb.ArticleLinks;
import dev.baton.kb.Question;
import dev.baton.llm.AnswerWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The bot's side of "Did you mean…": offering articles to choose from, and answering the customer's pick with the
 * passage of that article for the question they asked.
 */
final class ChoiceTurns {
    private final ConversationService conversations;
    private final Answerer answerer;
    private final ArticleLinks links;
    private final Author bot;
    private final AnswerWriter writer;
    private final Consumer<Signal> drafts;

    /** @param drafts where the pieces of an answer the model is writing go (to the customer's sockets) */
    ChoiceTurns(ConversationService conversations, Answerer answerer, ArticleLinks links, Author bot,
            AnswerWriter writer, Consumer<Signal> drafts) {
        this.conversations = conversations;
        this.answerer = answerer;
        this.links = links;
        this.bot = bot;
        this.writer = writer;
        this.drafts = drafts;
    }

    /** Offers the answer's choices, in reply to the customer message at {@code seq}. */
    AppendResult offer(String conversationId, String seq, Answer answer, String language) {
        List<Citation> choices = answer.choices().stream().map(this::citation).toList();
        return conversations.addBotChoices(conversationId, seq, bot, BotMessages.didYouMean(language), choices,
                SupportBot.rounded(answer.confidence()));
    }

    /**
     * A confident answer: written by the model from the passage when one is configured and its answer passes the
     * checks, else the passage itself, with a note when the article is in another language than the question. The
     * model's text goes out as drafts while it writes; the stored message, whichever it is, replaces them.
     */
    AppendResult answer(String conversationId, String seq, Answer answer, String question, String language) {
        Article article = answer.article();
        Optional<AnswerWriter.Written> written = writer.write(question, language,
                List.of(new AnswerWriter.Source(article.id(), article.title(), answer.passage())),
                draftTo(conversationId, seq));
        String note = answer.inOtherLanguageThan(language) ? BotMessages.articleInEnglish(language) : "";
        String text = written.map(AnswerWriter.Written::text).orElse(note + answer.passage());
        List<Citation> citations = written.map(w -> w.articleIds().stream().map(answerer::article)
                .flatMap(Optional::stream).map(this::citation).toList()).orElse(List.of(citation(article)));
        return conversations.addBotMessage(conversationId, seq, bot, text,
                citations.isEmpty() ? List.of(citation(article)) : citations, SupportBot.rounded(answer.confidence()));
    }

    /**
     * The customer picked {@code articleId} on the offer at {@code offerSeq}: its passage for their question, once
     * (the pick's own seq is the turn). Empty when the article is gone or the question can't be found.
     */
    Optional<AppendResult> picked(String conversationId, String pickSeq, String offerSeq, String articleId,
            History history) {
        Optional<Article> article = answerer.article(articleId);
        Optional<Message> asked = history.questionBefore(offerSeq);
        Double offeredAt = history.transcript().stream().filter(m -> m.seq().equals(offerSeq)).findFirst()
                .map(Message::confidence).orElse(null);
        if (article.isEmpty() || asked.isEmpty()) {
            return Optional.empty();
        }
        Question question = answerer.prepare(asked.get().text());
        String note = article.get().language().equals(question.language()) ? ""
                : BotMessages.articleInEnglish(question.language());
        return Optional.of(conversations.addBotMessage(conversationId, pickSeq, bot,
                note + answerer.passageOf(article.get(), question), List.of(citation(article.get())), offeredAt));
    }

    /** Passes on what the text so far adds to what was passed on, as a piece at its offset. */
    private Consumer<String> draftTo(String conversationId, String replyTo) {
        AtomicInteger sent = new AtomicInteger();
        return soFar -> {
            int from = sent.get();
            if (soFar.length() > from) {
                sent.set(soFar.length());
                drafts.accept(Signal.answerDraft(conversationId, replyTo, from, soFar.substring(from),
                        bot.name()));
            }
        };
    }

    private Citation citation(Article article) {
        return new Citation(article.id(), article.title(), links.url(article.id()));
    }
}
