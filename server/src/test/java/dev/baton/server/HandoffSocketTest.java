package dev.baton.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.Message;
import dev.baton.conversation.Owner;
import dev.baton.handoff.HandoffContext;
import dev.baton.handoff.Priority;
import dev.baton.handoff.Reason;
import dev.baton.testing.FixtureArticles;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Handoffs over the real customer socket, with the real bot, detectors and Redis. */
class HandoffSocketTest {
    private static TestApp baton;
    private static ConversationService conversations;
    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all());
        conversations = baton.conversations();
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    private ChatClient connect() {
        return sockets.chat(baton.port());
    }

    /** Sends a question and returns the bot's reply, or the handoff frame when it hands over instead. */
    private static JsonNode say(ChatClient client, String id, String text) {
        client.ask(id, text);
        client.nextMessageFrom("customer");
        return client.nextFrame();
    }

    @Test
    void with_email_off_a_customer_opening_and_closing_the_messenger_stores_no_presence() {
        ChatClient client = connect();
        client.helloAsNewVisitor();
        say(client, "m1", "Where can I change my billing address?");
        client.closeNow();

        String presence = baton.keys.namespace() + ":presence:customers";
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> !baton.redis.exists(presence));
    }

    @Test
    void with_email_off_no_mail_secret_is_made() {
        assertFalse(baton.redis.exists(baton.keys.namespace() + ":mail:secret"));
    }

    @Test
    void a_refund_request_is_handed_over_at_once_with_the_right_transcript_and_reason() {
        ChatClient client = connect();
        String conversationId = client.helloAsNewVisitor().path("conversationId").asText();
        String text = "Hi, I bought the annual Growth plan on March 3 and I want my money back. Order #48213";

        JsonNode handoff = say(client, "m1", text);
        JsonNode told = client.nextMessageFrom("system");

        assertEquals("handoff", handoff.path("type").asText());
        assertEquals("waiting", handoff.path("status").asText());
        assertEquals("refund", handoff.path("reason").asText());
        assertTrue(told.path("text").asText().contains("they'll see everything we've talked about"));
        client.expectSilence(800);
        HandoffContext context = conversations.latestHandoff(conversationId).orElseThrow();
        assertEquals(Reason.REFUND, context.reason());
        assertEquals(Priority.HIGH, context.priority());
        assertEquals(List.of(text), context.transcript().stream().map(Message::text).toList());
        assertEquals(List.of("48213"), context.details().orderNumbers());
        assertEquals(List.of("March 3"), context.details().dates());
        assertEquals(List.of("Growth plan"), context.details().plans());
        assertEquals(3, context.summary().size());
        assertTrue(context.evidence().get(0).startsWith("asks for money back"), context.evidence()::toString);
        assertEquals(Owner.WAITING, conversations.find(conversationId).orElseThrow().owner());
    }

    @Test
    void a_question_about_a_policy_is_answered_not_handed_over() {
        ChatClient client = connect();
        client.helloAsNewVisitor();

        JsonNode answer = say(client, "m1", "Is there a cancellation fee?");

        assertEquals("message", answer.path("type").asText());
        assertEquals("cancel-subscription", answer.path("citations").get(0).path("articleId").asText());
    }

    @Test
    void three_messages_of_growing_frustration_are_handed_over_at_the_third() {
        ChatClient client = connect();
        String conversationId = client.helloAsNewVisitor().path("conversationId").asText();

        JsonNode first = say(client, "m1", "My points aren't showing up for my last order.");
        // Not the same question again (that, with the same article as the answer, is handed over at once: below).
        JsonNode second = say(client, "m2", "That didn't help. How long after an order should points appear?");
        JsonNode third = say(client, "m3", "This is ridiculous!!! Third time I ask, where are my points?");

        assertEquals("message", first.path("type").asText(), first::toString);
        assertEquals("message", second.path("type").asText(), second::toString);
        assertEquals("handoff", third.path("type").asText(), third::toString);
        assertEquals("frustration", third.path("reason").asText());
        HandoffContext context = conversations.latestHandoff(conversationId).orElseThrow();
        assertEquals(3, context.frustration().size());
        assertTrue(context.frustration().get(2).evidence().contains("annoyance (\"ridiculous\")"),
                context.frustration()::toString);
    }

    @Test
    void a_conversation_that_turns_sarcastic_on_the_third_turn_is_handed_over_there_with_the_words_quoted() {
        ChatClient client = connect();
        String conversationId = client.helloAsNewVisitor().path("conversationId").asText();

        JsonNode first = say(client, "m1", "How do customers earn points?");
        JsonNode second = say(client, "m2", "Can I connect the loyalty app to my Shopify store?");
        JsonNode third = say(client, "m3", "oh wonderful, thanks for nothing. another template answer");

        assertEquals("earning-points", first.path("citations").get(0).path("articleId").asText(), first::toString);
        assertEquals("message", second.path("type").asText(), second::toString);
        assertEquals("handoff", third.path("type").asText(), third::toString);
        assertEquals("frustration", third.path("reason").asText());
        HandoffContext context = conversations.latestHandoff(conversationId).orElseThrow();
        assertTrue(context.evidence().contains("sarcastic right after the bot's answer"), context.evidence()::toString);
        assertTrue(context.evidence().contains("fed up with the conversation (\"another template answer\")"),
                context.evidence()::toString);
        assertTrue(context.frustration().get(0).score() < 0.3, context.frustration()::toString);
        assertTrue(context.frustration().get(1).score() < 0.3, context.frustration()::toString);
    }

    @Test
    void a_question_asked_again_that_would_get_the_same_article_again_is_handed_over() {
        ChatClient client = connect();
        String conversationId = client.helloAsNewVisitor().path("conversationId").asText();

        JsonNode first = say(client, "m1", "How do my customers earn points?");
        JsonNode again = say(client, "m2", "how do my customers earn their points??");

        assertEquals("earning-points", first.path("citations").get(0).path("articleId").asText(), first::toString);
        assertEquals("handoff", again.path("type").asText(), again::toString);
        assertEquals("low_confidence", again.path("reason").asText());
        HandoffContext context = conversations.latestHandoff(conversationId).orElseThrow();
        assertEquals("asks again what the bot could not answer", context.trigger());
        assertTrue(context.evidence().contains(
                "asks the same question again, after an answer (\"How do my customers earn points?\")"),
                context.evidence()::toString);
        assertEquals(1, context.articlesTried().size(), "the article is not sent a second time");
    }

    @Test
    void a_new_question_after_an_answer_is_answered_too() {
        ChatClient client = connect();
        client.helloAsNewVisitor();

        say(client, "m1", "How do customers earn points?");
        JsonNode next = say(client, "m2", "Is there a cancellation fee?");

        assertEquals("cancel-subscription", next.path("citations").get(0).path("articleId").asText(), next::toString);
    }

    @Test
    void the_talk_to_a_person_button_hands_over_whatever_was_said() {
        ChatClient client = connect();
        String conversationId = client.helloAsNewVisitor().path("conversationId").asText();
        say(client, "m1", "How do customers earn points?");

        client.sendFrame(ChatClient.frame("request_human"));

        JsonNode handoff = client.next("handoff");
        assertEquals("human_requested", handoff.path("reason").asText());
        client.nextMessageFrom("system");
        assertEquals(Reason.HUMAN_REQUESTED, conversations.latestHandoff(conversationId).orElseThrow().reason());
    }

    @Test
    void with_nobody_online_the_customer_may_leave_an_email_address_that_the_team_then_sees() {
        ChatClient client = connect();
        String conversationId = client.helloAsNewVisitor().path("conversationId").asText();
        JsonNode handoff = say(client, "m1", "I want a refund for my last invoice");
        client.nextMessageFrom("system");
        assertEquals("handoff", handoff.path("type").asText());
        assertFalse(handoff.path("answersSoon").asBoolean(true), "no console is open: nobody answers soon");

        client.sendFrame(ChatClient.frame("contact").put("email", "maria at example"));
        JsonNode refused = client.next("error");
        client.sendFrame(ChatClient.frame("contact"));
        JsonNode missing = client.next("error");
        client.sendFrame(ChatClient.frame("contact").put("email", " maria@example.com "));
        JsonNode noted = client.nextMessageFrom("system");

        assertEquals("invalid_field", refused.path("code").asText());
        assertEquals("missing_field", missing.path("code").asText());
        assertEquals("Thanks! We'll also reply to maria@example.com, so you don't have to wait here.",
                noted.path("text").asText());
        assertEquals("maria@example.com", conversations.find(conversationId).orElseThrow().customer().email());
        assertEquals(Owner.WAITING, conversations.find(conversationId).orElseThrow().owner(), "it stays in Waiting");
    }

    @Test
    void no_on_did_this_help_offers_a_person_and_the_second_no_hands_over() {
        ChatClient client = connect();
        client.helloAsNewVisitor();
        JsonNode answer = say(client, "m1", "How do customers earn points?");
        client.sendFrame(ChatClient.frame("feedback").put("seq", answer.path("seq").asText()).put("helpful", false));
        JsonNode sorry = client.nextMessageFrom("bot");
        JsonNode again = say(client, "m2", "Do customers get points on their birthday?");

        client.sendFrame(ChatClient.frame("feedback").put("seq", again.path("seq").asText()).put("helpful", false));

        assertTrue(sorry.path("text").asText().startsWith("Sorry that didn't help."), sorry::toString);
        assertEquals("not_helpful", client.next("handoff").path("reason").asText());
    }

    @Test
    void feedback_on_something_that_is_not_a_bot_message_is_refused() {
        ChatClient client = connect();
        client.helloAsNewVisitor();
        String own = client.ask("m1", "How do customers earn points?").path("seq").asText();
        client.nextMessageFrom("customer");
        client.nextMessageFrom("bot");

        client.sendFrame(ChatClient.frame("feedback").put("seq", own).put("helpful", false));
        JsonNode refused = client.next("error");
        client.sendFrame(ChatClient.frame("feedback").put("seq", own));

        assertEquals("invalid_field", refused.path("code").asText());
        assertEquals("missing_field", client.next("error").path("code").asText());
    }

    @Test
    void a_resolved_conversation_reopened_by_the_customer_starts_fresh_with_the_bot() {
        ChatClient client = connect();
        String conversationId = client.helloAsNewVisitor().path("conversationId").asText();
        say(client, "m1", "Will it rain in Osaka tomorrow?");
        assertEquals("handoff", say(client, "m2", "Who wins the next football world cup?").path("type").asText());
        client.nextMessageFrom("system");
        conversations.resolve(conversationId, "agent-1");
        assertEquals("resolved", client.next("status").path("owner").asText());

        client.ask("m3", "Is it sunny in Kyoto?");
        assertEquals("bot", client.next("status").path("owner").asText(), "reopened in the bot's hands");
        client.nextMessageFrom("customer");
        JsonNode unsure = client.nextFrame();

        assertEquals("message", unsure.path("type").asText(), "one unsure answer after a fresh start is said");
        assertTrue(unsure.path("text").asText().startsWith("I'm not sure"), unsure::toString);
        assertEquals(Owner.BOT, conversations.find(conversationId).orElseThrow().owner());
        client.expectSilence(500);
        assertFalse(conversations.history(conversationId).sinceFreshStart().isEmpty());
    }
}
