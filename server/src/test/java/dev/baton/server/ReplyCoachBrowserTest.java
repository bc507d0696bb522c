package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.conversation.Role;
import dev.baton.event.HandedOff;
import dev.baton.event.MessageCreated;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The reply coach in a real headless Chromium: an agent types a curt, faceless reply, sees gentle hints under it,
 * dismisses one, sends anyway; then writes a reply that owns the problem and sees the hints go. The KPIs count one of
 * two replies sent with hints open.
 */
class ReplyCoachBrowserTest {
    private static final String PASSWORD = "a-long-test-password";
    private static final String AGENT_NAME = "Dana Reyes";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private static TestApp baton;
    private static Browser console;
    private static ChatClient customer;

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all(), config -> config);
        baton.addAgent("admin@perkful.example", "Ops Admin", AgentRole.ADMIN, 5, PASSWORD);
        baton.addAgent("dana@perkful.example", AGENT_NAME, AgentRole.AGENT, 5, PASSWORD, "billing", "general");
        console = new Browser();
    }

    @AfterAll
    static void stop() {
        if (customer != null) {
            customer.closeNow();
        }
        if (console != null) {
            console.close();
        }
        baton.close();
    }

    /** Maria Lopez asks for a refund over /ws/chat and Dana claims it over the API; returns the conversation id. */
    private static String mariasRefundClaimedByDana() {
        customer = ChatClient.connect(baton.port());
        String id = customer.helloAsNewVisitorNamed("Maria Lopez").path("conversationId").asText();
        customer.ask("m1", "I want a refund for my last invoice");
        baton.awaitEvent(id, e -> e.event() instanceof HandedOff);
        ConsoleApi dana = ConsoleApi.loggedIn(baton.port(), "dana@perkful.example", PASSWORD);
        assertEquals(200, dana.post("/api/conversations/" + id + "/claim", Map.of()).status());
        return id;
    }

    @Test
    void an_agent_sees_hints_on_a_curt_reply_sends_anyway_and_the_kpis_count_it() {
        String id = mariasRefundClaimedByDana();
        console.logInToConsole(baton.url(), "dana@perkful.example", PASSWORD, AGENT_NAME);
        WebElement reply = console.openMine(id);
        WebElement hints = console.driver.findElement(By.id("reply-hints"));
        assertEquals("polite", hints.getAttribute("aria-live"), "hints are announced without interrupting");
        assertEquals(List.of(), shownHints(), "nothing written, nothing to say");

        reply.sendKeys("cant do that, system wont let me");
        console.waitFor(d -> shownHints().size() == 5);
        assertEquals(List.of("greeting", "customer_name", "disowning", "next_step", "sign_off"), shownHints());
        assertTrue(hintText("disowning").contains("system wont let"), hintText("disowning"));
        assertTrue(hintText("greeting").contains("Hi Maria"), hintText("greeting"));

        // A hint the agent thinks does not apply goes away; the others stay.
        console.driver.findElement(By.cssSelector("#reply-hints li[data-code='sign_off'] button")).click();
        console.waitFor(d -> !shownHints().contains("sign_off"));
        assertEquals(List.of("greeting", "customer_name", "disowning", "next_step"), shownHints());

        // Send anyway: nothing blocks it, and the hints close with the sent reply.
        console.driver.findElement(By.id("send")).click();
        console.waitFor(d -> d.findElements(By.cssSelector("#transcript li.entry.message.agent .text")).stream()
                .anyMatch(text -> text.getText().equals("cant do that, system wont let me")));
        console.waitFor(d -> shownHints().isEmpty());

        // The next reply starts curt, then owns the problem: the hints follow the text.
        reply.sendKeys("Sorry Maria");
        console.waitFor(d -> shownHints().contains("next_step"));
        reply.sendKeys(", that was wrong of me: I've issued the refund, and it reaches your card within 5 days.");
        console.waitFor(d -> shownHints().isEmpty());
        reply.sendKeys(Keys.ENTER);
        console.waitFor(d -> d.findElements(By.cssSelector("#transcript li.entry.message.agent")).size() == 2);

        List<List<String>> stored = baton.conversations().eventsAfter(id, null).stream()
                .filter(e -> e.event() instanceof MessageCreated m && m.author().role() == Role.AGENT)
                .map(e -> ((MessageCreated) e.event()).coachHints()).toList();
        assertEquals(List.of(List.of("greeting", "customer_name", "disowning", "next_step"), List.of()), stored,
                "the dismissed sign-off was not open when it was sent");
        ConsoleApi admin = ConsoleApi.loggedIn(baton.port(), "admin@perkful.example", PASSWORD);
        JsonNode coach = admin.get("/api/kpis?from=" + TODAY.minusDays(1) + "&to=" + TODAY.plusDays(1) + "&tz=UTC")
                .body().path("replyCoach");
        assertEquals(2, coach.path("replies").asInt(), coach::toString);
        assertEquals(1, coach.path("withHints").asInt(), coach::toString);
        assertEquals(0.5, coach.path("withHintsShare").asDouble(), 1e-9);
        assertEquals(List.of(), console.consoleMessages().stream()
                .filter(m -> m.contains("Uncaught") || m.contains("Content Security Policy")).toList());
    }

    private static List<String> shownHints() {
        return console.driver.findElements(By.cssSelector("#reply-hints li")).stream()
                .map(li -> li.getAttribute("data-code")).toList();
    }

    private static String hintText(String code) {
        return console.driver.findElement(By.cssSelector("#reply-hints li[data-code='" + code + "'] "
                + ".reply-hint-text")).getText();
    }
}
