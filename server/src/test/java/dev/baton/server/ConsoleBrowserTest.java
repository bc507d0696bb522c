package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.conversation.Conversation;
import dev.baton.conversation.Owner;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A customer and an agent, each in a real headless Chromium: the customer asks the messenger for a refund, the agent
 * sees it arrive in the console's Waiting view, claims it, greets the customer with a canned reply and resolves it.
 */
class ConsoleBrowserTest {
    private static final String PASSWORD = "a-long-test-password";
    private static final String AGENT_NAME = "Dana Reyes";
    private static final String REFUND_REQUEST = "I want a refund for my last invoice";

    private static TestApp baton;
    private static Agent dana;
    private static Browser customer;
    private static Browser console;

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all(), config -> config);
        baton.addAgent("admin@perkful.example", "Ops Admin", AgentRole.ADMIN, 5, PASSWORD);
        dana = baton.addAgent("dana@perkful.example", AGENT_NAME, AgentRole.AGENT, 5, PASSWORD, "billing", "general");
        customer = new Browser();
        console = new Browser();
    }

    @AfterAll
    static void stop() {
        for (Browser browser : new Browser[] {customer, console}) {
            if (browser != null) {
                browser.close();
            }
        }
        baton.close();
    }

    /** A canned reply to a customer nobody knows the name of reads as a person would write it. */
    @Test
    void a_canned_reply_without_the_customers_name_drops_the_address_not_the_sense() {
        console.driver.get(baton.url() + "/console/index.html");
        Object filled = ((JavascriptExecutor) console.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('/console/format.js').then((f) => done(["
                        + "f.fillPlaceholders('Is there anything else I can help you with today, "
                        + "{{customer.firstName}}?', {customerName: null, agentName: 'Dana Reyes'}),"
                        + "f.fillPlaceholders('Hi {{customer.firstName}}, I am {{agent.firstName}}.', "
                        + "{customerName: '', agentName: 'Dana Reyes'}),"
                        + "f.fillPlaceholders('Good news, {{customer.firstName}}: done.', "
                        + "{customerName: 'Maria Lopez', agentName: 'Dana Reyes'})]));");

        assertEquals(List.of("Is there anything else I can help you with today?", "Hi there, I am Dana.",
                "Good news, Maria: done."), filled);
    }

    @Test
    void a_refund_request_waits_for_an_agent_who_claims_it_greets_the_customer_by_name_and_resolves_it() {
        billingClaimsByHandAroundTheClock();
        signInToTheConsole();
        anAnonymousVisitorsCardsLeaveOutWhatNobodyGave();
        String conversationId = customerAsksForARefund();

        // The conversation arrives in Waiting live, with its reason and the customer's name.
        String row = "a.conversation-item[data-id='" + conversationId + "'] ";
        console.waitFor(d -> text(row + ".name").equals("Maria Lopez"));
        console.waitFor(d -> text(row + ".reason").equals("Refund"));
        console.waitFor(d -> text(row + ".assignee").equals("Unassigned"));
        assertEquals("refund", conversation(conversationId).handling().reason());
        assertEquals(Owner.WAITING, conversation(conversationId).owner());

        console.driver.findElement(conversationRow(conversationId)).click();
        console.waitFor(d -> d.findElement(By.id("conversation-title")).getText().equals("Maria Lopez"));
        // The panels re-render as live events arrive, so each read waits for a settled element.
        console.waitFor(d -> text("#customer .email").equals("maria@example.com"));
        console.waitFor(d -> text("#customer .unverified").equals("Not verified"));
        console.waitFor(d -> text("#handoff-card .reason").equals("Refund"));
        assertEquals("High priority", text("#handoff-card .priority.high"));
        // Why: the model's score, and the customer's own words, never an example the model was fitted on.
        WebElement why = console.waitFor(d -> d.findElement(By.cssSelector("#handoff-card .evidence li")));
        assertTrue(why.getText().startsWith("asks for money back"), why.getText());
        double score = Double.parseDouble(why.findElement(By.cssSelector(".score")).getText());
        assertTrue(score >= 0.5 && score <= 1, why.getText());
        var quoted = why.findElements(By.cssSelector("q.said"));
        assertFalse(quoted.isEmpty(), why.getText());
        quoted.forEach(phrase -> assertTrue(REFUND_REQUEST.toLowerCase().contains(phrase.getText().toLowerCase()),
                () -> "\"" + phrase.getText() + "\" is not what the customer wrote: " + REFUND_REQUEST));
        assertNoNull("#customer");
        assertNoNull("#handoff-card");
        console.waitFor(d -> d.findElement(By.id("claim")).isDisplayed() && d.findElement(By.id("claim")).isEnabled());
        console.driver.findElement(By.id("claim")).click();

        console.waitFor(d -> text("#conversation-owner").equals("Assigned to you"));
        assertFalse(console.driver.findElement(By.id("claim")).isDisplayed());
        // It left Waiting: the list follows it to Mine, where it stays selected.
        console.waitFor(d -> "true".equals(d.findElement(By.cssSelector("button[data-view='mine']"))
                .getAttribute("aria-pressed")));
        console.waitFor(d -> d.findElement(conversationRow(conversationId)).getAttribute("class").contains("active"));
        assertEquals(dana.id(), conversation(conversationId).handling().assignee());

        // The canned greeting, with the customer's first name and the agent's name filled in.
        WebElement reply = console.waitFor(d -> {
            WebElement textarea = d.findElement(By.id("reply-text"));
            return textarea.isEnabled() ? textarea : null;
        });
        new Select(console.driver.findElement(By.id("canned"))).selectByVisibleText("Greeting");
        String greeting = reply.getAttribute("value");
        assertTrue(greeting.startsWith("Hi Maria, I'm " + AGENT_NAME + " from the Perkful team."), greeting);
        console.driver.findElement(By.id("send")).click();

        console.waitFor(d -> text("#transcript li.entry.message.agent .text").startsWith("Hi Maria,"));
        console.waitFor(d -> text("#transcript li.entry.message.agent .author").equals(AGENT_NAME + " (you)"));
        assertEquals("", reply.getAttribute("value"), "the composer is emptied after sending");

        // The customer sees who joined, then the greeting under the agent's name.
        WebElement joined = customer.waitFor(d -> customer.messenger()
                .findElement(By.cssSelector(".msg.system.joined")));
        assertTrue(joined.getText().startsWith(AGENT_NAME + " joined"), joined.getText());
        WebElement answer = customer.waitFor(d -> customer.messenger().findElement(By.cssSelector(".msg.agent")));
        assertEquals(AGENT_NAME, answer.findElement(By.cssSelector(".who")).getText());
        assertEquals(greeting.trim(), answer.findElement(By.cssSelector(".bubble")).getText());

        // Resolved: the console offers to reopen it, and the store agrees.
        console.driver.findElement(By.id("resolve")).click();
        WebElement reopen = console.waitFor(d -> d.findElement(By.id("reopen")).isDisplayed()
                ? d.findElement(By.id("reopen")) : null);
        assertTrue(reopen.isEnabled());
        assertTrue(text("#conversation-owner").startsWith("Resolved"), text("#conversation-owner"));
        console.waitFor(d -> d.findElements(By.cssSelector("#handoff-card .priority")).isEmpty());
        assertEquals("Refund", text("#handoff-card .reason"), "the card stays, without its red High");
        assertFalse(console.driver.findElement(By.id("resolve")).isDisplayed());
        assertEquals(Owner.RESOLVED, conversation(conversationId).owner());
        console.waitFor(d -> d.findElement(By.id("reply-text")).getAttribute("placeholder")
                .startsWith("Resolved: reopen the conversation to reply"));
        // In Resolved, the refund's high priority is history: no red flag on its row.
        console.driver.findElement(By.cssSelector("button[data-view='resolved']")).click();
        console.waitFor(d -> d.findElement(conversationRow(conversationId)).isDisplayed());
        assertFalse(console.driver.findElement(conversationRow(conversationId)).getAttribute("class").contains("high"));
        assertTrue(console.driver.findElements(By.cssSelector("a.conversation-item[data-id='" + conversationId
                + "'] .priority")).isEmpty());
        assertEquals(Boolean.TRUE, console.driver.executeScript("return window.stillTheSamePage === true;"),
                "everything happened without reloading the console");
    }

    /**
     * Billing (where refunds go) set to manual claiming, so the online agent finds the conversation in Waiting
     * instead of having it assigned; and without business hours, so the test does not depend on the time of day.
     * Done by an admin over the REST API, as the console would.
     */
    private static void billingClaimsByHandAroundTheClock() {
        ConsoleApi admin = ConsoleApi.loggedIn(baton.port(), "admin@perkful.example", PASSWORD);
        ConsoleApi.Response saved = admin.putTeam("billing", "Billing", false, null, 10);
        assertEquals(200, saved.status(), () -> String.valueOf(saved.body()));
        assertFalse(saved.body().path("autoAssign").asBoolean(true));
    }

    /** The agent signs in and waits on the (empty) Waiting view with the live socket connected. */
    private static void signInToTheConsole() {
        console.driver.get(baton.url() + "/console/index.html");
        console.waitFor(d -> d.findElement(By.id("login-email")).isDisplayed());
        console.driver.findElement(By.id("login-email")).sendKeys("dana@perkful.example");
        console.driver.findElement(By.id("login-password")).sendKeys(PASSWORD);
        console.driver.findElement(By.id("login-submit")).click();

        console.waitFor(d -> text("#me-name").equals(AGENT_NAME));
        console.driver.findElement(By.cssSelector("button[data-view='waiting']")).click();
        console.waitFor(d -> "true".equals(d.findElement(By.cssSelector("button[data-view='waiting']"))
                .getAttribute("aria-pressed")));
        console.waitFor(d -> d.findElement(By.id("list-empty")).isDisplayed());
        assertFiltersAreNotCutOff();
        // The socket's welcome stores its resume point: from then on events arrive live.
        console.waitFor(d -> console.driver.executeScript(
                "return sessionStorage.getItem('baton.console.lastEventId');") != null);
        console.driver.executeScript("window.stillTheSamePage = true;");
    }

    /**
     * A visitor who gave no name, email or plan asks for a refund at once (no article tried): the console's cards
     * show "Visitor" and leave the rest out, never the word null.
     */
    private static void anAnonymousVisitorsCardsLeaveOutWhatNobodyGave() {
        ChatClient visitor = ChatClient.connect(baton.port());
        String id = visitor.helloAsNewVisitor().path("conversationId").asText();
        visitor.ask("refund-1", "I want a refund, I was charged twice");
        console.waitFor(d -> text("a.conversation-item[data-id='" + id + "'] .reason").equals("Refund"));
        assertNoNull("a.conversation-item[data-id='" + id + "']");

        console.driver.findElement(conversationRow(id)).click();
        console.waitFor(d -> text("#customer .name").equals("Visitor"));
        console.waitFor(d -> text("#handoff-card .reason").equals("Refund"));
        assertNoNull("#customer");
        assertNoNull("#handoff-card");
        assertTrue(console.driver.findElements(By.cssSelector("#customer .email, #customer .plan")).isEmpty());
        visitor.closeNow();
    }

    /** Each filter of the sidebar is wide enough for its longest option (plus its padding and arrow). */
    private static void assertFiltersAreNotCutOff() {
        Object cut = console.driver.executeScript("""
                const canvas = document.createElement('canvas').getContext('2d');
                return [...document.querySelectorAll('.filters select')].filter((select) => {
                  const style = getComputedStyle(select);
                  canvas.font = `${style.fontSize} ${style.fontFamily}`;
                  const widest = Math.max(...[...select.options].map((o) => canvas.measureText(o.text).width));
                  return widest + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 20
                    > select.clientWidth;
                }).map((select) => select.id);""");
        assertEquals(java.util.List.of(), cut, "filters too narrow for their options");
    }

    private static void assertNoNull(String css) {
        String shown = text(css);
        assertFalse(shown.contains("null") || shown.contains("undefined"), css + " shows: " + shown);
    }

    /**
     * The host page says who the customer is before the messenger's script runs (window.BatonSettings, injected
     * into every document of this browser the way a product's own page would set it); the customer then asks for
     * a refund and the bot hands over. Returns the conversation's id.
     */
    private static String customerAsksForARefund() {
        customer.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.BatonSettings = {user: {userId: 'user-4821', name: 'Maria Lopez', "
                        + "email: 'maria@example.com'}};"));
        customer.driver.get(baton.url() + "/");
        customer.waitFor(d -> customer.messenger().findElement(By.cssSelector(".launcher"))).click();
        WebElement input = customer.chatComposer();
        input.sendKeys(REFUND_REQUEST, Keys.ENTER);

        customer.waitFor(d -> customer.messenger().findElement(By.cssSelector(".msg.customer")).getText()
                .contains("Sent"));
        WebElement handedOver = customer.waitFor(d -> customer.messenger()
                .findElements(By.cssSelector(".msg.system .bubble")).stream()
                .filter(bubble -> bubble.getText().startsWith("I'm bringing in someone from our team")).findFirst().orElse(null));
        // Billing is open and its one member is online: the customer is told when to expect a reply.
        assertTrue(handedOver.getText().endsWith("We usually reply in about 10 minutes."), handedOver.getText());
        assertTrue(customer.messenger().findElements(By.cssSelector(".msg.bot")).isEmpty(),
                "the bot does not answer a refund request itself");

        String conversationId = (String) customer.driver.executeScript(
                "return JSON.parse(localStorage.getItem('baton:' + location.origin)).conversationId;");
        Conversation stored = conversation(conversationId);
        assertEquals("Maria Lopez", stored.customer().name());
        assertEquals("maria@example.com", stored.customer().email());
        assertEquals("user-4821", stored.customer().userId());
        assertFalse(stored.customer().verified());
        return conversationId;
    }

    private static By conversationRow(String conversationId) {
        return By.cssSelector("a.conversation-item[data-id='" + conversationId + "']");
    }

    private static String text(String css) {
        return console.driver.findElement(By.cssSelector(css)).getText();
    }

    private static Conversation conversation(String id) {
        return baton.conversations().find(id).orElseThrow();
    }
}
