package dev.baton.bot;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.doubleThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.baton.conversation.AppendResult;
import dev.baton.conversation.Author;
import dev.baton.conversation.Citation;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.History;
import dev.baton.conversation.Owner;
import dev.baton.detect.MessageAnalyzer;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.handoff.HandoffPolicy;
import dev.baton.handoff.HandoffService;
import dev.baton.handoff.Reason;
import dev.baton.kb.AnswerPolicy;
import dev.baton.kb.Answerer;
import dev.baton.kb.ContentGaps;
import dev.baton.testing.TestBotParts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One bot turn at a time, with the real retrieval and detectors and the conversation store mocked away. */
class SupportBotTest {
    private static final Answerer answerer = TestBotParts.answerer();
    private static final MessageAnalyzer analyzer = TestBotParts.analyzer();

    private final ConversationService conversations = mock(ConversationService.class);
    private final HandoffService handoffs = mock(HandoffService.class);
    private final ContentGaps gaps = mock(ContentGaps.class);
    private final SupportBot bot = new SupportBot(conversations, answerer, analyzer, HandoffPolicy.DEFAULT, handoffs,
            id -> "https://help.example/kb/" + id, "Baton", 2, gaps);
    private final CountDownLatch acknowledged = new CountDownLatch(1);
    private final List<LoggedEvent> log = new ArrayList<>();
    private int nextSeq = 1;

    @AfterEach
    void stop() {
        bot.close();
    }

    private void ownedBy(Owner owner) {
        when(conversations.find("c1")).thenReturn(Optional.of(new Conversation("c1", "v1", owner, 0, "en", null)));
        var stored = new AppendResult(AppendResult.Status.APPENDED, List.of("99-0"), null);
        when(conversations.addBotMessage(any(), any(), any(), any(), anyList(), any())).thenReturn(stored);
        when(handoffs.handOff(any(), any(), any(), any(), any())).thenReturn(stored);
        when(conversations.history("c1")).thenAnswer(call -> History.of(List.copyOf(log)));
    }

    private LoggedEvent logged(Author author, String text, List<Citation> citations) {
        Double confidence = author.role() == dev.baton.conversation.Role.BOT ? (citations.isEmpty() ? 0.4 : 0.85)
                : null;
        var event = new LoggedEvent((nextSeq++) + "-0", "node-1",
                new MessageCreated("c1", author, text, citations, confidence, author.role().name()));
        log.add(event);
        return event;
    }

    private LoggedEvent customerSays(String text) {
        return logged(Author.customer(), text, List.of());
    }

    private void take(LoggedEvent event) {
        bot.take(event, acknowledged::countDown);
    }

    @Test
    void a_question_about_a_policy_is_answered_with_the_passage_and_its_article() {
        ownedBy(Owner.BOT);

        take(customerSays("is there a cancellation fee?"));

        verify(conversations, timeout(5000)).addBotMessage(eq("c1"), eq("1-0"), eq(Author.bot("Baton")),
                eq("You can cancel your plan yourself at any time. There is no cancellation fee."),
                eq(List.of(new Citation("cancel-subscription", "Cancelling your subscription",
                        "https://help.example/kb/cancel-subscription"))),
                doubleThat(confidence -> confidence >= AnswerPolicy.DEFAULT.englishThreshold()));
        verify(handoffs, never()).handOff(any(), any(), any(), any(), any());
    }

    @Test
    void a_refund_request_is_handed_over_at_once_with_high_priority() {
        ownedBy(Owner.BOT);

        take(customerSays("I was charged twice this month, please refund me"));

        verify(handoffs, timeout(5000)).handOff(any(), any(), argThat(decision -> decision.reason() == Reason.REFUND
                && decision.priority() == dev.baton.handoff.Priority.HIGH), eq("en"), eq("1-0"));
        verify(conversations, never()).addBotMessage(any(), any(), any(), any(), anyList(), any());
        verify(gaps, never()).record(any());
    }

    @Test
    void says_it_is_not_sure_in_the_customers_language_when_nothing_fits() {
        ownedBy(Owner.BOT);

        take(customerSays("明日の大阪の天気は？"));

        verify(conversations, timeout(5000)).addBotMessage(eq("c1"), eq("1-0"), any(), eq(BotMessages.notSure("ja")),
                eq(List.of()), doubleThat(confidence -> confidence < AnswerPolicy.DEFAULT.wordThreshold()));
        verify(gaps, timeout(5000)).record(argThat(gap -> gap.question().equals("明日の大阪の天気は？") && gap.why().equals("not_sure")
                && gap.language().equals("ja") && gap.conversationId().equals("c1")));
    }

    @Test
    void the_second_unsure_answer_in_a_row_becomes_a_handoff() {
        ownedBy(Owner.BOT);
        customerSays("Will it rain in Osaka tomorrow?");
        logged(Author.bot("Baton"), BotMessages.notSure("en"), List.of());

        take(customerSays("Who will win the next football world cup?"));

        verify(handoffs, timeout(5000)).handOff(any(), any(),
                argThat(decision -> decision.reason() == Reason.LOW_CONFIDENCE), eq("en"), eq("3-0"));
        verify(gaps, timeout(5000)).record(argThat(gap -> gap.question().equals("Who will win the next football world cup?")));
    }

    @Test
    void stays_quiet_once_a_person_has_the_conversation_but_still_records_what_it_read() {
        ownedBy(Owner.WAITING);

        take(customerSays("is there a cancellation fee?"));

        verify(conversations, timeout(5000)).addAnalysis(eq("c1"), eq("1-0"), any());
        verify(conversations, after(300).never()).addBotMessage(any(), any(), any(), any(), anyList(), any());
        verify(handoffs, never()).handOff(any(), any(), any(), any(), any());
    }

    @Test
    void a_turn_is_acknowledged_only_once_it_is_done() throws InterruptedException {
        ownedBy(Owner.BOT);

        take(customerSays("is there a cancellation fee?"));

        assertTrue(acknowledged.await(5, TimeUnit.SECONDS));
        verify(conversations).addBotMessage(eq("c1"), any(), any(), any(), anyList(), any());
    }

    @Test
    void events_with_no_work_are_acknowledged_at_once_and_its_own_replies_left_alone() throws InterruptedException {
        ownedBy(Owner.BOT);

        bot.take(new LoggedEvent("10-0", "node-1",
                new MessageCreated("c1", Author.bot("Baton"), "an answer", List.of(), null, null)),
                acknowledged::countDown);

        assertTrue(acknowledged.await(1, TimeUnit.SECONDS));
        verify(conversations, after(300).never()).addBotMessage(any(), any(), any(), any(), anyList(), any());
        verify(conversations, never()).addAnalysis(any(), any(), any());
    }
}
