package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.Customer;
import dev.baton.testing.FixtureArticles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signed identities, the Origin allow-list and the customer's rating, over the real customer socket. */
class MessengerTrustSocketTest {
    private static TestApp baton;
    private static ConversationService conversations;
    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all(), config -> config.withMessenger(
                new BatonConfig.Messenger(TestTokens.SECRET, false, List.of())));
        conversations = baton.conversations();
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    private ChatClient connect() {
        return sockets.chat(baton.port());
    }

    private static ObjectNode hello(String visitorId, String token) {
        ObjectNode hello = ChatClient.frame("hello").put("visitorId", visitorId);
        hello.putObject("identity").put("token", token);
        return hello;
    }

    @Test
    void a_verified_user_is_greeted_by_first_name_and_finds_the_conversation_on_another_device() {
        ChatClient laptop = connect();
        String userId = "user-" + System.nanoTime();
        String token = TestTokens.token(TestTokens.SECRET, userId, "Maria Lopez", "maria@example.com");
        laptop.sendFrame(hello("laptop-" + userId, token));
        JsonNode welcome = laptop.next("welcome");
        String id = welcome.path("conversationId").asText();
        laptop.ask("m1", "How do customers earn points?");
        laptop.nextMessageFrom("customer");
        laptop.nextMessageFrom("bot");

        ChatClient phone = connect();
        phone.sendFrame(hello("phone-" + userId, token));
        JsonNode onPhone = phone.next("welcome");

        assertEquals("Maria", welcome.path("greetName").asText());
        Customer stored = conversations.find(id).orElseThrow().customer();
        assertTrue(stored.verified());
        assertEquals(userId, stored.userId());
        assertEquals("Growth", stored.plan());
        assertEquals(Map.of("company", "Acme Outdoor"), stored.attributes());
        assertEquals(id, onPhone.path("conversationId").asText(), "the same conversation on the other device");
        assertTrue(absent(onPhone.path("resumeToken")), "the identity is the key there, no resume token is given");
        assertEquals(List.of("customer", "bot"), roles(onPhone.path("messages")));
    }

    @Test
    void a_forged_or_foreign_token_opens_nothing_and_stated_identities_never_reach_a_verified_history() {
        String userId = "user-" + System.nanoTime();
        ChatClient owner = connect();
        owner.sendFrame(hello("owner-" + userId, TestTokens.token(TestTokens.SECRET, userId, "Maria Lopez",
                "maria@example.com")));
        String id = owner.next("welcome").path("conversationId").asText();
        owner.ask("m1", "How do customers earn points?");

        ChatClient forger = connect();
        forger.sendFrame(hello("forger", TestTokens.token("a-different-secret-that-is-32-bytes-long",
                userId, "Maria Lopez", "maria@example.com")));
        JsonNode forged = forger.next("error");
        ChatClient other = connect();
        other.sendFrame(hello("other", TestTokens.token(TestTokens.SECRET, "user-other", "Sam", "sam@example.com"))
                .put("conversationId", id));
        JsonNode foreign = other.next("error");
        ChatClient stated = connect();
        ObjectNode statedHello = ChatClient.frame("hello").put("visitorId", "stated");
        statedHello.putObject("identity").put("userId", userId).put("name", "Maria Lopez");
        stated.sendFrame(statedHello);
        JsonNode statedWelcome = stated.next("welcome");

        assertEquals("identity_refused", forged.path("code").asText());
        assertTrue(forged.path("message").asText().contains("signature does not match"), forged::toString);
        assertEquals("resume_refused", foreign.path("code").asText());
        assertNotEquals(id, statedWelcome.path("conversationId").asText(), "a stated user id opens no history");
        assertTrue(absent(statedWelcome.path("greetName")), "only verified users are greeted by name");
        assertEquals(userId, conversations.find(id).orElseThrow().customer().userId());
    }

    @Test
    void a_verified_user_s_conversation_does_not_open_with_its_resume_token_alone() {
        String userId = "user-" + System.nanoTime();
        ChatClient owner = connect();
        owner.sendFrame(hello("shared-browser", TestTokens.token(TestTokens.SECRET, userId, "Maria Lopez",
                "maria@example.com")));
        JsonNode welcome = owner.next("welcome");
        owner.ask("m1", "How do customers earn points?");

        ChatClient next = connect();
        next.sendFrame(ChatClient.frame("hello").put("visitorId", "shared-browser")
                .put("conversationId", welcome.path("conversationId").asText())
                .put("resumeToken", welcome.path("resumeToken").asText()));

        assertEquals("resume_refused", next.next("error").path("code").asText(),
                "the next person at a shared browser that was not signed out sees nothing of it");
    }

    @Test
    void when_identities_are_required_a_visitor_without_a_token_is_refused() {
        try (TestApp strict = new TestApp(FixtureArticles.all(), config -> config.withMessenger(
                new BatonConfig.Messenger(TestTokens.SECRET, true, List.of())))) {
            ChatClient anonymous = ChatClient.connect(strict.port());
            sockets.track(anonymous);
            anonymous.sendFrame(ChatClient.frame("hello").put("visitorId", "anonymous"));
            JsonNode refused = anonymous.next("error");
            ChatClient signedIn = ChatClient.connect(strict.port());
            sockets.track(signedIn);
            signedIn.sendFrame(hello("signed-in", TestTokens.maria()));

            assertEquals("identity_required", refused.path("code").asText());
            assertEquals("Maria", signedIn.next("welcome").path("greetName").asText());
        }
    }

    @Test
    void pages_of_other_origins_may_not_open_the_socket() {
        ChatClient evil = ChatClient.unopened(baton.port(), Map.of("Origin", "https://evil.example"));
        ChatClient own = ChatClient.unopened(baton.port(), Map.of("Origin", "http://localhost:" + baton.port()));
        sockets.track(own);

        assertFalse(evil.tryOpen(), "a page of another site is refused");
        assertTrue(evil.closeReason().contains("403"), evil.closeReason());
        assertTrue(own.tryOpen(), "Baton's own pages get in");
    }

    @Test
    void a_resolved_conversation_takes_one_rating_that_the_team_sees() {
        ChatClient client = connect();
        String id = client.helloAsNewVisitor().path("conversationId").asText();
        client.ask("m1", "How do customers earn points?");
        client.nextMessageFrom("customer");
        client.nextMessageFrom("bot");

        client.sendFrame(ChatClient.frame("csat").put("rating", 5));
        JsonNode tooEarly = client.next("error");
        conversations.resolve(id, "bot");
        client.next("status");
        client.sendFrame(ChatClient.frame("csat").put("rating", 7));
        JsonNode outOfRange = client.next("error");
        client.sendFrame(ChatClient.frame("csat").put("rating", 4).put("comment", "  Quick and kind.  "));
        JsonNode rated = client.next("csat");

        assertEquals("not_resolved", tooEarly.path("code").asText());
        assertEquals("invalid_field", outOfRange.path("code").asText());
        assertEquals(4, rated.path("rating").asInt());
        Conversation stored = conversations.find(id).orElseThrow();
        assertEquals(4, stored.handling().csatRating());
        assertTrue(conversations.eventsAfter(id, null).stream().anyMatch(e -> e.event().toString()
                .contains("Quick and kind.")), "the comment is stored, trimmed, with the rating");

        client.ask("m2", "One more thing: how do customers earn points?");
        assertEquals(null, conversations.find(id).orElseThrow().handling().csatRating(),
                "reopened, the conversation is rated afresh");
    }

    /** Fields without a value are left out of frames. */
    private static boolean absent(JsonNode field) {
        return field.isMissingNode() || field.isNull();
    }

    private static List<String> roles(JsonNode messages) {
        List<String> roles = new ArrayList<>();
        messages.forEach(m -> roles.add(m.path("author").path("role").asText()));
        return roles;
    }
}
