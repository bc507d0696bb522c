package dev.baton.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.Author;
import dev.baton.conversation.Citation;
import dev.baton.conversation.Customer;
import dev.baton.conversation.History;
import dev.baton.conversation.Role;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.handoff.Decision;
import dev.baton.handoff.HandoffContextBuilder;
import dev.baton.handoff.Priority;
import dev.baton.handoff.Reason;
import dev.baton.testing.FakeChatModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Handoff summaries by a model (a real HTTP server with canned replies), checked against the transcript. */
class ModelSummariesTest {
    private static final Customer MARIA = new Customer("v1", true, "u1", "Maria Lopez", "maria@example.com",
            "Growth", Map.of(), "en");
    private static final History HISTORY = History.of(List.of(
            new LoggedEvent("1-0", "n", new MessageCreated("c", Author.customer(),
                    "My points for order #48213 are missing", List.of(), null, "m1")),
            new LoggedEvent("2-0", "n", new MessageCreated("c", Author.bot("Baton"), "Points appear in a minute.",
                    List.of(new Citation("points", "Earning points", "https://x/kb/points")), 0.81, null)),
            new LoggedEvent("3-0", "n", new MessageCreated("c", Author.customer(),
                    "That didn't help. Refund the $49 please", List.of(), null, "m2"))));
    private static final Decision REFUND = new Decision(Reason.REFUND, Priority.HIGH, "intent:refund", List.of());

    private final FakeChatModel server = FakeChatModel.start();
    private ModelClient client = ModelClient.of(server.settings(Duration.ofSeconds(2))).orElseThrow();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private List<String> summary() {
        return new HandoffContextBuilder(new ModelSummaries(client)).build(MARIA, HISTORY, REFUND, 1L).summary();
    }

    private void modelSays(String... lines) {
        var reply = new ObjectMapper().createObjectNode();
        var array = reply.putArray("summary");
        for (String line : lines) {
            array.add(line);
        }
        server.replyWith(reply.toString());
    }

    private static final List<String> EXTRACTIVE = new HandoffContextBuilder().build(MARIA, HISTORY, REFUND, 1L)
            .summary();

    @Test
    void a_summary_whose_facts_are_all_in_the_transcript_is_used() {
        List<String> worded = List.of("Goal: points for order #48213 are missing.",
                "Tried: the bot answered with Earning points; it did not help.", "Now: wants the $49 refunded.");
        modelSays(worded.toArray(String[]::new));

        assertEquals(worded, summary());
    }

    @Test
    void a_summary_with_an_order_number_not_in_the_transcript_is_rejected() {
        modelSays("Goal: points for order #48231 are missing.", "Tried: the bot answered; it did not help.",
                "Now: wants the $49 refunded.");

        assertEquals(EXTRACTIVE, summary());
    }

    @Test
    void a_summary_with_an_amount_not_in_the_transcript_is_rejected() {
        modelSays("Goal: missing points.", "Tried: the bot answered; it did not help.",
                "Now: wants the $94 refunded.");

        assertEquals(EXTRACTIVE, summary());
    }

    @Test
    void a_summary_with_a_name_not_in_the_transcript_is_rejected() {
        modelSays("Goal: missing points for order #48213.", "Tried: the bot answered; it did not help.",
                "Now: wants Jessica to refund the $49.");

        assertEquals(EXTRACTIVE, summary());
    }

    @Test
    void without_shared_identity_the_customer_name_is_neither_sent_nor_accepted() {
        modelSays("Goal: Maria's points for order #48213 are missing.", "Tried: the bot answered; it did not help.",
                "Now: wants the $49 refunded.");

        assertEquals(EXTRACTIVE, summary());
        String request = server.requests().get(0);
        assertFalse(request.contains("Maria") || request.contains("maria@example.com") || request.contains("Growth"),
                request);
        assertTrue(request.contains("Customer: My points for order #48213 are missing"), request);
    }

    @Test
    void without_shared_identity_names_and_addresses_inside_the_messages_are_not_sent_either() {
        History withAgent = History.of(List.of(
                new LoggedEvent("1-0", "n", new MessageCreated("c", Author.customer(),
                        "Hi, Maria Lopez here, my points for order #48213 are missing", List.of(), null, "m1")),
                new LoggedEvent("2-0", "n", new MessageCreated("c", Author.system(),
                        "Thanks! We'll also reply to maria@example.com", List.of(), null, null)),
                new LoggedEvent("3-0", "n", new MessageCreated("c", new Author(Role.AGENT, "Ana Ortiz", null, "a1"),
                        "Hi Maria, I'm looking into it now. — Ana", List.of(), null, "m2")),
                new LoggedEvent("4-0", "n", new MessageCreated("c", Author.customer(),
                        "Thanks Ana! Also refund the $49 please", List.of(), null, "m3"))));
        modelSays("Goal: points for order #48213 are missing.", "Tried: an agent looked into it.",
                "Now: wants the $49 refunded.");

        new HandoffContextBuilder(new ModelSummaries(client)).build(MARIA, withAgent, REFUND, 1L);

        String request = server.requests().get(0);
        for (String identity : List.of("Maria", "Lopez", "maria@example.com", "Ana", "Ortiz")) {
            assertFalse(request.contains(identity), identity + " was sent: " + request);
        }
        assertTrue(request.contains("Agent: Hi [customer], I'm looking into it now. — [agent]"), request);
        assertTrue(request.contains("We'll also reply to [email]"), request);
    }

    @Test
    void with_shared_identity_the_customer_name_is_sent_and_may_be_used() {
        client.close();
        var settings = server.settings(Duration.ofSeconds(2));
        client = ModelClient.of(new LlmSettings(settings.provider(), settings.baseUrl(), settings.model(),
                settings.apiKey(), true, settings.budget(), settings.stream())).orElseThrow();
        List<String> worded = List.of("Goal: Maria's points for order #48213 are missing.",
                "Tried: the bot answered; it did not help.", "Now: wants the $49 refunded.");
        modelSays(worded.toArray(String[]::new));

        assertEquals(worded, summary());
        assertTrue(server.requests().get(0).contains("The customer: Maria Lopez, plan Growth"));
    }

    @Test
    void a_summary_of_other_than_three_lines_is_rejected() {
        modelSays("Goal: missing points for order #48213, refund of $49 wanted.");

        assertEquals(EXTRACTIVE, summary());
    }

    @Test
    void a_late_model_leaves_the_extractive_summary() {
        client.close();
        client = ModelClient.of(server.settings(Duration.ofMillis(300))).orElseThrow();
        server.replyAfter(Duration.ofSeconds(3), "{\"summary\": [\"Goal: a\", \"Tried: b\", \"Now: c\"]}");

        assertEquals(EXTRACTIVE, summary());
    }
}
