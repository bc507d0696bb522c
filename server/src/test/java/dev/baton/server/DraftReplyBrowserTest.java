package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.HandedOff;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FakeChatModel;
import dev.baton.testing.FixtureArticles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console's "Draft reply" in a real headless Chromium against a fake model server: the draft lands in the
 * composer with the names filled in, the reply coach's hints on it show at once, the agent edits it and sends, and
 * the customer gets what the agent sent.
 */
class DraftReplyBrowserTest {
    private static final String PASSWORD = "a-long-test-password";
    private static final String AGENT_NAME = "Dana Reyes";
    /** A draft without a next step, so the coach has something to say about it. */
    private static final String DRAFT = "Hi {{customer.firstName}}, I'm sorry about your last invoice. Is there "
            + "anything we could have done better? Best, {{agent.name}}";
    private static final String FILLED = "Hi Maria, I'm sorry about your last invoice. Is there anything we could "
            + "have done better? Best, Dana Reyes";
    private static final String EDIT = " I've issued the refund myself, and it reaches your card within 5 days.";

    private static FakeChatModel model;
    private static TestApp baton;
    private static Browser console;
    private static ChatClient customer;

    @BeforeAll
    static void start() {
        model = FakeChatModel.start();
        String draft = new ObjectMapper().createObjectNode().put("draft", DRAFT).toString();
        model.reply(request -> FakeChatModel.completion(request.contains("You draft a reply") ? draft
                : "{\"summary\": [\"Goal: a refund.\", \"Tried: nothing.\", \"Now: a refund.\"]}", Duration.ZERO));
        baton = new TestApp(FixtureArticles.all(), config -> config.withLlm(model.settings(Duration.ofSeconds(3))));
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
        model.close();
    }

    @Test
    void a_draft_lands_in_the_composer_is_coached_at_once_and_the_agent_edits_and_sends_it() {
        customer = ChatClient.connect(baton.port());
        String id = customer.helloAsNewVisitorNamed("Maria Lopez").path("conversationId").asText();
        customer.ask("m1", "I want a refund for my last invoice");
        baton.awaitEvent(id, e -> e.event() instanceof HandedOff);
        ConsoleApi dana = ConsoleApi.loggedIn(baton.port(), "dana@perkful.example", PASSWORD);
        assertEquals(200, dana.post("/api/conversations/" + id + "/claim", Map.of()).status());

        console.logInToConsole(baton.url(), "dana@perkful.example", PASSWORD, AGENT_NAME);
        WebElement reply = console.openMine(id);
        WebElement draftButton = console.waitFor(d -> {
            WebElement button = d.findElement(By.id("draft-reply"));
            return button.isDisplayed() && button.isEnabled() ? button : null;
        });
        // When the draft lands in the composer, and when the first hint shows (ms on the page's clock).
        console.driver.executeScript("""
                const text = document.getElementById('reply-text');
                const hints = document.getElementById('reply-hints');
                window.draftTimes = {};
                (function watch() {
                  if (text.value) window.draftTimes.inserted = performance.now();
                  else requestAnimationFrame(watch);
                })();
                new MutationObserver(() => {
                  if (hints.querySelector('li') && !window.draftTimes.hinted) {
                    window.draftTimes.hinted = performance.now();
                  }
                }).observe(hints, {childList: true, subtree: true});""");

        draftButton.click();

        console.waitFor(d -> FILLED.equals(reply.getAttribute("value")));
        console.waitFor(d -> shownHints().equals(List.of("next_step")));
        @SuppressWarnings("unchecked")
        Map<String, Number> times = (Map<String, Number>) console.driver.executeScript("return window.draftTimes;");
        double coachedAfterMs = times.get("hinted").doubleValue() - times.get("inserted").doubleValue();
        assertTrue(coachedAfterMs < 390, "hints came " + coachedAfterMs + " ms after the draft: the coach waited as "
                + "for typing (400 ms)");

        // The agent puts what they did after the apology, and the hint goes.
        console.driver.executeScript("const t = arguments[0]; const at = t.value.indexOf('invoice.') + 8;"
                + " t.focus(); t.setSelectionRange(at, at);", reply);
        reply.sendKeys(EDIT);
        console.waitFor(d -> shownHints().isEmpty());
        reply.sendKeys(Keys.ENTER);

        String sent = FILLED.replace("invoice.", "invoice." + EDIT);
        console.waitFor(d -> d.findElements(By.cssSelector("#transcript li.entry.message.agent .text")).stream()
                .anyMatch(text -> text.getText().equals(sent)));
        JsonNode frame = customer.nextFrame(); // past the handoff, the join and the agent's typing
        while (!"agent".equals(frame.path("author").path("role").asText())) {
            frame = customer.nextFrame();
        }
        assertEquals(sent, frame.path("text").asText(), "the customer got another text than the agent sent");
        assertEquals(AGENT_NAME, frame.path("author").path("name").asText());
    }

    private static List<String> shownHints() {
        return console.driver.findElements(By.cssSelector("#reply-hints li")).stream()
                .map(li -> li.getAttribute("data-code")).toList();
    }
}
