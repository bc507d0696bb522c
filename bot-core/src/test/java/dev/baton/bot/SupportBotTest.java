package dev.baton.bot;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.doubleThat;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import dev.baton.conversation.Author;
import dev.baton.conversation.Citation;
import dev.baton.conversation.ConversationService;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.kb.AnswerPolicy;
import dev.baton.kb.Answerer;
import dev.baton.kb.HybridRetriever;
import dev.baton.kb.InMemoryArticleStore;
import dev.baton.kb.KnowledgeBase;
import dev.baton.kb.PassageFinder;
import dev.baton.kb.TextAnalysis;
import dev.baton.testing.FixtureArticles;
import dev.baton.testing.TestEmbedder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupportBotTest {
    private static final TextAnalysis analysis = new TextAnalysis();

    private final ConversationService conversations = mock(ConversationService.class);
    private final SupportBot bot = new SupportBot(conversations, answerer(), id -> "https://help.example/kb/" + id,
            "Baton", "node-1", 2);

    private static Answerer answerer() {
        var knowledgeBase = new KnowledgeBase(new InMemoryArticleStore(),
                new HybridRetriever(analysis, TestEmbedder.get(), TestEmbedder.get()));
        knowledgeBase.saveAll(FixtureArticles.all());
        return new Answerer(knowledgeBase, new PassageFinder(analysis), AnswerPolicy.DEFAULT);
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    @AfterAll
    static void closeAnalysis() {
        analysis.close();
    }

    private static LoggedEvent customer(String text, String origin) {
        return new LoggedEvent("1-0", origin, new MessageCreated("c1", Author.customer(), text, List.of(), null, "m1"));
    }

    @Test
    void answers_a_customer_message_stored_on_this_node_with_the_passage_and_its_article() {
        bot.onEvent(customer("is there a cancellation fee?", "node-1"));

        verify(conversations, timeout(5000)).addBotMessage(eq("c1"), eq(Author.bot("Baton")),
                eq("You can cancel your plan yourself at any time. There is no cancellation fee."),
                eq(List.of(new Citation("cancel-subscription", "Cancelling your subscription",
                        "https://help.example/kb/cancel-subscription"))),
                doubleThat(confidence -> confidence >= AnswerPolicy.DEFAULT.englishThreshold()));
    }

    @Test
    void says_it_is_not_sure_in_the_customers_language_when_nothing_fits() {
        bot.onEvent(customer("明日の大阪の天気は？", "node-1"));

        verify(conversations, timeout(5000)).addBotMessage(eq("c1"), any(), eq(BotMessages.notSure("ja")),
                eq(List.of()), doubleThat(confidence -> confidence < AnswerPolicy.DEFAULT.wordThreshold()));
    }

    @Test
    void leaves_messages_stored_by_other_nodes_and_its_own_replies_alone() {
        bot.onEvent(customer("is there a cancellation fee?", "node-2"));
        bot.onEvent(new LoggedEvent("2-0", "node-1",
                new MessageCreated("c1", Author.bot("Baton"), "an answer", List.of(), null, null)));

        verify(conversations, after(300).never()).addBotMessage(any(), any(), any(), anyList(), any());
    }
}
