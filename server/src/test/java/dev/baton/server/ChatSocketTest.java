package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.conversation.Owner;
import dev.baton.kb.AnswerPolicy;
import dev.baton.testing.FixtureArticles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The customer socket over a real connection to the real server, as the widget uses it. */
class ChatSocketTest {
    private static TestApp baton;
    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all());
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    private ChatClient connect() {
        return sockets.chat(baton.port());
    }

    @Test
    void hello_starts_a_conversation_owned_by_the_bot() {
        JsonNode welcome = connect().helloAsNewVisitor();

        assertFalse(welcome.path("conversationId").asText().isEmpty());
        assertTrue(welcome.path("resumeToken").asText().length() >= 40);
        assertEquals("bot", welcome.path("owner").asText());
        assertEquals(0, welcome.path("messages").size());
    }

    @Test
    void a_question_is_acked_echoed_and_answered_with_a_passage_and_its_article() {
        ChatClient client = connect();
        client.helloAsNewVisitor();

        JsonNode ack = client.ask("m-1", "Is there a cancellation fee?");
        JsonNode echo = client.nextMessageFrom("customer");
        JsonNode answer = client.nextMessageFrom("bot");

        assertEquals("m-1", ack.path("clientMsgId").asText());
        assertEquals(ack.path("seq").asText(), echo.path("seq").asText());
        assertEquals("m-1", echo.path("clientMsgId").asText());
        assertEquals("You can cancel your plan yourself at any time. There is no cancellation fee.",
                answer.path("text").asText());
        assertEquals("Baton", answer.path("author").path("name").asText());
        JsonNode citation = answer.path("citations").get(0);
        assertEquals("cancel-subscription", citation.path("articleId").asText());
        assertEquals("Cancelling your subscription", citation.path("title").asText());
        assertEquals(baton.url() + "/kb/cancel-subscription", citation.path("url").asText());
        assertTrue(answer.path("ts").asLong() > 0);
        assertTrue(answer.path("confidence").asDouble() >= AnswerPolicy.DEFAULT.englishThreshold(), answer::toString);
    }

    @Test
    void an_unrelated_question_gets_the_not_sure_reply_without_a_citation() {
        ChatClient client = connect();
        client.helloAsNewVisitor();

        client.ask("m-1", "Will it rain in Osaka tomorrow?");
        client.nextMessageFrom("customer");
        JsonNode answer = client.nextMessageFrom("bot");

        assertTrue(answer.path("text").asText().startsWith("I'm not sure"), answer.toString());
        assertTrue(answer.path("citations").isMissingNode());
        assertTrue(answer.path("confidence").asDouble() < AnswerPolicy.DEFAULT.englishThreshold(), answer::toString);
    }

    @Test
    void a_resent_message_is_stored_and_answered_once() {
        ChatClient client = connect();
        JsonNode welcome = client.helloAsNewVisitor();
        JsonNode first = client.ask("same-id", "How do customers earn points?");
        client.nextMessageFrom("customer");
        client.nextMessageFrom("bot");

        JsonNode again = client.ask("same-id", "How do customers earn points?");

        assertEquals(first.path("seq").asText(), again.path("seq").asText());
        client.expectSilence(700);
        JsonNode history = resume(welcome, null).path("messages");
        assertEquals(2, history.size(), "one question, one answer: " + history);
    }

    @Test
    void resuming_returns_exactly_the_messages_missed_while_away() {
        ChatClient first = connect();
        JsonNode welcome = first.helloAsNewVisitor();
        first.ask("q-1", "How do customers earn points?");
        first.nextMessageFrom("customer");
        String lastSeen = first.nextMessageFrom("bot").path("seq").asText();
        first.closeNow();

        ChatClient otherTab = connect();
        otherTab.sendFrame(resumeFrame(welcome, null));
        otherTab.next("welcome");
        String missedQuestion = otherTab.ask("q-2", "How do I connect Shopify?").path("seq").asText();
        otherTab.nextMessageFrom("customer");
        String missedAnswer = otherTab.nextMessageFrom("bot").path("seq").asText();

        JsonNode resumed = resume(welcome, lastSeen);

        assertEquals(welcome.path("conversationId"), resumed.path("conversationId"));
        List<String> seqs = new ArrayList<>();
        resumed.path("messages").forEach(m -> seqs.add(m.path("seq").asText()));
        assertEquals(List.of(missedQuestion, missedAnswer), seqs);
    }

    @Test
    void a_wrong_resume_token_is_refused_and_the_socket_still_serves() {
        ChatClient client = connect();
        JsonNode welcome = connect().helloAsNewVisitor();

        client.sendFrame(ChatClient.frame("hello").put("visitorId", "intruder")
                .put("conversationId", welcome.path("conversationId").asText()).put("resumeToken", "guess"));
        JsonNode refused = client.next("error");
        JsonNode fresh = client.helloAsNewVisitor();

        assertEquals("resume_refused", refused.path("code").asText());
        assertFalse(fresh.path("conversationId").asText().equals(welcome.path("conversationId").asText()));
    }

    @Test
    void every_kind_of_bad_frame_gets_an_error_and_changes_nothing() {
        ChatClient client = connect();
        client.sendFrame(ChatClient.frame("message").put("clientMsgId", "early").put("text", "hi"));
        assertEquals("hello_required", client.next("error").path("code").asText());
        JsonNode welcome = client.helloAsNewVisitor();
        client.ask("kept", "How do customers earn points?");
        client.nextMessageFrom("customer");
        client.nextMessageFrom("bot");

        assertError(client, "{not json", "bad_json");
        assertError(client, "[1, 2]", "bad_json");
        assertError(client, "{\"text\": \"no type\"}", "missing_field");
        assertError(client, "{\"type\": \"launch_rockets\"}", "unknown_type");
        assertError(client, "{\"type\": \"message\", \"clientMsgId\": \"x\"}", "missing_field");
        assertError(client, "{\"type\": \"message\", \"text\": \"no id\"}", "missing_field");
        assertError(client, "{\"type\": \"message\", \"clientMsgId\": \"x\", \"text\": {\"a\": 1}}", "invalid_field");
        assertError(client, "{\"type\": \"message\", \"clientMsgId\": \"bad id!\", \"text\": \"hi\"}",
                "invalid_field");
        assertError(client, ChatClient.frame("message").put("clientMsgId", "long").put("text", "a".repeat(4_001))
                .toString(), "text_too_long");
        assertError(client, ChatClient.frame("message").put("clientMsgId", "huge").put("text", "a".repeat(20_000))
                .toString(), "frame_too_large");
        assertError(client, ChatClient.frame("hello").put("visitorId", "v").toString(), "already_started");

        client.ask("after", "How do I connect Shopify?");
        client.nextMessageFrom("customer");
        assertEquals("shopify-integration",
                client.nextMessageFrom("bot").path("citations").get(0).path("articleId").asText());
        assertEquals(4, resume(welcome, null).path("messages").size(), "only the two real questions and answers");
    }

    @Test
    void a_binary_frame_is_refused_with_an_error_and_the_socket_still_serves() {
        ChatClient client = connect();
        client.helloAsNewVisitor();

        client.send(new byte[] {1, 2, 3, (byte) 0xFF});
        JsonNode refused = client.next("error");

        assertEquals("bad_json", refused.path("code").asText());
        assertTrue(refused.path("message").asText().contains("text"), refused::toString);
        client.ask("after", "How do customers earn points?");
        client.nextMessageFrom("customer");
        client.nextMessageFrom("bot");
    }

    @Test
    void hello_frames_are_checked_before_anything_is_created() {
        ChatClient client = connect();
        int before = baton.redis.keys(baton.keys.namespace() + ":conv:*").size();

        assertError(client, ChatClient.frame("hello").toString(), "missing_field");
        assertError(client, ChatClient.frame("hello").put("visitorId", "v").put("conversationId", "c").toString(),
                "missing_field");
        assertError(client, ChatClient.frame("hello").put("visitorId", "v").put("conversationId", "c")
                .put("resumeToken", "t").put("lastSeq", "yesterday").toString(), "invalid_field");
        assertError(client, ChatClient.frame("hello").put("visitorId", "<script>").toString(), "invalid_field");
        assertError(client, ChatClient.frame("hello").put("visitorId", "v").put("conversationId", "c")
                .put("resumeToken", "t").put("lastSeq", "99999999999999999999-0").toString(), "invalid_field");
        assertEquals(before, baton.redis.keys(baton.keys.namespace() + ":conv:*").size(), "nothing was created");
    }

    @Test
    void a_resent_message_after_the_conversation_was_resolved_changes_nothing() {
        ChatClient client = connect();
        JsonNode welcome = client.helloAsNewVisitor();
        String conversationId = welcome.path("conversationId").asText();
        String first = client.ask("m-1", "How do customers earn points?").path("seq").asText();
        client.nextMessageFrom("customer");
        client.nextMessageFrom("bot");
        var conversations = baton.conversations();
        conversations.resolve(conversationId, "agent-1");
        assertEquals("resolved", client.next("status").path("owner").asText());

        String again = client.ask("m-1", "How do customers earn points?").path("seq").asText();

        assertEquals(first, again);
        assertEquals(Owner.RESOLVED, conversations.find(conversationId).orElseThrow().owner());
        client.expectSilence(500);
    }

    private static void assertError(ChatClient client, String frame, String code) {
        client.send(frame);
        JsonNode error = client.next("error");
        assertEquals(code, error.path("code").asText(), () -> "for " + frame + ": " + error);
        assertFalse(error.path("message").asText().isBlank());
    }

    private static JsonNode resumeFrame(JsonNode welcome, String lastSeq) {
        var hello = ChatClient.frame("hello").put("visitorId", "visitor")
                .put("conversationId", welcome.path("conversationId").asText())
                .put("resumeToken", welcome.path("resumeToken").asText());
        return lastSeq == null ? hello : hello.put("lastSeq", lastSeq);
    }

    /** Resumes the conversation on a fresh socket and returns the welcome. */
    private JsonNode resume(JsonNode welcome, String lastSeq) {
        ChatClient client = connect();
        client.sendFrame(resumeFrame(welcome, lastSeq));
        return client.next("welcome");
    }
}
