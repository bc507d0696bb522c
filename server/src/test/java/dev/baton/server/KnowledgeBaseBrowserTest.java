package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * An admin edits an article in the console's knowledge base editor and publishes it; a customer asking in the
 * messenger right after gets the new text. Both in real headless Chromium windows, against the real server.
 */
class KnowledgeBaseBrowserTest {
    private static final String PASSWORD = "a-long-test-password";

    private static TestApp baton;
    private static Browser admin;
    private static Browser customer;

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all());
        baton.addAgent("alex@perkful.example", "Alex Kim", AgentRole.ADMIN, 5, PASSWORD);
        admin = new Browser();
        customer = new Browser();
    }

    @AfterAll
    static void stop() {
        for (Browser browser : new Browser[] {admin, customer}) {
            if (browser != null) {
                browser.close();
            }
        }
        baton.close();
    }

    @Test
    void an_admin_edits_and_publishes_an_article_and_the_bot_answers_with_the_new_text() {
        admin.driver.get(baton.url() + "/console/index.html");
        admin.waitFor(d -> d.findElement(By.id("login-email")).isDisplayed());
        admin.driver.findElement(By.id("login-email")).sendKeys("alex@perkful.example");
        admin.driver.findElement(By.id("login-password")).sendKeys(PASSWORD, Keys.ENTER);
        admin.waitFor(d -> d.findElement(By.id("kb-link")).isDisplayed() ? d.findElement(By.id("kb-link")) : null)
                .click();

        admin.waitFor(d -> d.findElement(By.cssSelector("#kb-list a[data-id='earning-points']"))).click();
        admin.waitFor(d -> d.findElement(By.id("kb-title")).getAttribute("value")
                .equals("How customers earn points"));
        theEditorScrollsInItsPanesAndItsToolsAreTabs();
        WebElement body = admin.driver.findElement(By.id("kb-body"));
        body.clear();
        body.sendKeys("Customers now earn **3 points** for every dollar they spend, from the first order on.");
        admin.waitFor(d -> d.findElement(By.cssSelector("#kb-preview strong")).getText().equals("3 points"));
        admin.driver.findElement(By.id("kb-try-question")).sendKeys("How do customers earn points?");
        admin.driver.findElement(By.id("kb-try")).click();
        admin.waitFor(d -> d.findElement(By.cssSelector("#kb-try-result q")).getText().contains("3 points"));
        admin.driver.findElement(By.id("kb-publish")).click();

        admin.waitFor(d -> d.findElement(By.id("kb-notice")).getText()
                .equals("Published “How customers earn points”: customers get it now."));
        assertTrue(admin.driver.findElement(By.id("kb-state")).getText().startsWith("published"));
        List<WebElement> versions = admin.driver.findElements(By.cssSelector("#kb-versions li"));
        assertEquals(2, versions.size(), "the seeded version and the published edit");
        assertTrue(versions.get(0).getText().startsWith("v2 · published · Alex Kim"), versions.get(0).getText());

        customer.driver.get(baton.url() + "/");
        customer.waitFor(d -> customer.messenger().findElement(By.cssSelector(".launcher"))).click();
        customer.chatComposer().sendKeys("How do customers earn points?", Keys.ENTER);
        WebElement answer = customer.waitFor(d -> customer.messenger().findElement(By.cssSelector(".msg.bot")));
        assertTrue(answer.findElement(By.cssSelector(".bubble")).getText().contains("3 points"),
                answer.getText());
        assertEquals(baton.url() + "/kb/earning-points",
                answer.findElement(By.cssSelector(".cite a")).getAttribute("href"));
    }

    /**
     * The page itself never scrolls (its list and editor do), content gaps and import/export are tabs at the top
     * of the sidebar, not collapsed under every article, and counts read "1 answer", "2 answers".
     */
    private static void theEditorScrollsInItsPanesAndItsToolsAreTabs() {
        Object pageScrolls = admin.driver.executeScript(
                "return document.scrollingElement.scrollHeight > document.scrollingElement.clientHeight;");
        assertEquals(Boolean.FALSE, pageScrolls, "only the panes scroll");
        Object editorScrolls = admin.driver.executeScript(
                "const main = document.querySelector('.kb-main'); return main.scrollHeight > main.clientHeight;");
        assertEquals(Boolean.TRUE, editorScrolls, "the long editor scrolls inside its pane");

        admin.driver.findElement(By.id("kb-tab-gaps")).click();
        admin.waitFor(d -> d.findElement(By.cssSelector("#kb-gaps li")).isDisplayed());
        assertFalse(admin.driver.findElement(By.id("kb-list")).isDisplayed());
        admin.driver.findElement(By.id("kb-tab-transfer")).click();
        admin.waitFor(d -> d.findElement(By.id("kb-import-form")).isDisplayed());
        assertFalse(admin.driver.findElement(By.id("kb-gaps")).isDisplayed());
        admin.driver.findElement(By.id("kb-tab-articles")).click();
        admin.waitFor(d -> d.findElement(By.id("kb-list")).isDisplayed());

        Object counts = admin.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./format.js').then((f) => done([0, 1, 2].map((n) => f.counted(n, 'answer', 'answers'))));""");
        assertEquals(List.of("0 answers", "1 answer", "2 answers"), counts);
        String usage = admin.driver.findElement(By.cssSelector("#kb-list a[data-id='earning-points'] .usage")).getText();
        assertTrue(usage.matches("30 days: (1 answer|\\d+ answers), .*"), usage);
    }

    /**
     * The knowledge base page has the inbox's bar: the same pages, the presence toggle, Password, and Log out, which
     * ends the session.
     */
    @Test
    void the_knowledge_base_page_has_the_console_bar_and_logs_out() {
        toTheInboxAsAlex();
        List<String> inboxBar = admin.waitFor(d -> barLinks().size() == 5 ? barLinks() : null);
        List<String> inboxButtons = admin.waitFor(d -> barButtons().size() == 3 ? barButtons() : null);
        admin.driver.findElement(By.id("kb-link")).click();
        admin.waitFor(d -> d.findElement(By.id("kb-app")).isDisplayed());
        assertEquals(inboxBar, admin.waitFor(d -> barLinks().size() == 5 ? barLinks() : null));
        assertEquals(inboxButtons, barButtons());

        // The toggle works here too (PUT /api/me/status), and back.
        admin.driver.findElement(By.id("presence")).click();
        admin.waitFor(d -> "away".equals(d.findElement(By.id("presence")).getAttribute("data-presence")));
        admin.driver.findElement(By.id("presence")).click();
        admin.waitFor(d -> "online".equals(d.findElement(By.id("presence")).getAttribute("data-presence")));
        admin.driver.findElement(By.id("password-open")).click();
        admin.waitFor(d -> d.findElement(By.id("password-current")).isDisplayed());
        admin.driver.findElement(By.id("password-close")).click();
        admin.waitFor(d -> !d.findElement(By.id("password")).isDisplayed());

        admin.driver.findElement(By.id("kb-logout")).click();
        admin.waitFor(d -> d.findElement(By.id("login-email")).isDisplayed());
        admin.driver.get(baton.url() + "/console/kb.html");
        admin.waitFor(d -> d.findElement(By.id("login-email")).isDisplayed());
        assertTrue(admin.driver.getCurrentUrl().endsWith("/console/index.html"), "the session is over");
    }

    /** The inbox as Alex, the admin: signed in now, or still from an earlier test. */
    private static void toTheInboxAsAlex() {
        admin.driver.get(baton.url() + "/console/index.html");
        admin.waitFor(d -> d.findElement(By.id("login-email")).isDisplayed() || d.findElement(By.id("kb-link"))
                .isDisplayed());
        if (admin.driver.findElement(By.id("login-email")).isDisplayed()) {
            admin.driver.findElement(By.id("login-email")).sendKeys("alex@perkful.example");
            admin.driver.findElement(By.id("login-password")).sendKeys(PASSWORD, Keys.ENTER);
        }
    }

    /** The bar's buttons by their words: the presence toggle (its state's word aside), Password, Log out. */
    private static List<String> barButtons() {
        return admin.driver.findElements(By.cssSelector(".topbar button")).stream().filter(WebElement::isDisplayed)
                .map(button -> button.getAttribute("id").equals("presence") ? "presence" : button.getText()).toList();
    }

    private static List<String> barLinks() {
        return admin.driver.findElements(By.cssSelector(".topbar .nav-link")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText).toList();
    }

    @Test
    void the_editor_says_what_the_calibration_means_and_an_admin_sets_it_by_hand() {
        toTheInboxAsAlex();
        admin.waitFor(d -> d.findElement(By.id("kb-link")).isDisplayed() ? d.findElement(By.id("kb-link")) : null)
                .click();

        admin.waitFor(d -> d.findElement(By.cssSelector("#kb-calibration-box summary"))).click();

        WebElement summary = admin.driver.findElement(By.id("kb-calibration-summary"));
        admin.waitFor(d -> summary.getText().startsWith("Measured on your articles. About "));
        assertTrue(summary.getText().contains("of off-topic questions slip through."), summary.getText());
        WebElement answer = admin.driver.findElement(By.id("kb-answer-threshold"));
        answer.clear();
        answer.sendKeys("0.8");
        WebElement offer = admin.driver.findElement(By.id("kb-offer-threshold"));
        offer.clear();
        offer.sendKeys("0.3", Keys.ENTER);

        admin.waitFor(d -> summary.getText().startsWith("Set by hand. About "));
        assertEquals("0.80", answer.getAttribute("value"));
    }
}
