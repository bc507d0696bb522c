package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The KPI dashboard in a real headless Chromium: an admin opens it and sees the tiles and Chart.js charts. */
class KpiBrowserTest {
    private static final String PASSWORD = "a-long-test-password";

    private static TestApp baton;
    private static Browser browser;

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all(), config -> config);
        baton.addAgent("admin@perkful.example", "Ops Admin", AgentRole.ADMIN, 5, PASSWORD);
        baton.addAgent("dana@perkful.example", "Dana Reyes", AgentRole.AGENT, 5, PASSWORD, "general");
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        baton.close();
    }

    private static void signIn(String email, String name) {
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(baton.url() + "/console/index.html");
        browser.waitFor(d -> d.findElement(By.id("login-email")).isDisplayed());
        browser.driver.findElement(By.id("login-email")).sendKeys(email);
        browser.driver.findElement(By.id("login-password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.id("login-submit")).click();
        browser.waitFor(d -> d.findElement(By.id("me-name")).getText().equals(name));
    }

    @Test
    void an_admin_opens_the_dashboard_and_sees_tiles_and_charts() {
        ChatClient customer = ChatClient.connect(baton.port());
        customer.helloAsNewVisitor();
        customer.ask("k1", "I want a refund for my last invoice");
        customer.nextMessageFrom("customer"); // stored
        customer.closeNow();
        // A customer reads an article in the messenger's help center, twice.
        HttpGet.get(baton.port(), "/help/articles/cancel-subscription");
        HttpGet.get(baton.port(), "/help/articles/cancel-subscription");
        signIn("admin@perkful.example", "Ops Admin");

        browser.waitFor(d -> d.findElement(By.id("kpis-link")).isDisplayed());
        browser.driver.findElement(By.id("kpis-link")).click();

        browser.waitFor(d -> d.findElement(By.cssSelector("[data-kpi='conversations'] strong")).getText()
                .equals("1"));
        assertEquals("2", browser.driver.findElement(By.cssSelector("[data-kpi='help-center-opens'] strong")).getText());
        assertEquals("most read: Cancelling your subscription (2)",
                browser.driver.findElement(By.cssSelector("[data-kpi='help-center-opens'] .kpi-hint")).getText());
        // Every chart panel got a Chart.js chart on its canvas, and a CSV link for the same range.
        Object charts = browser.waitFor(d -> {
            Object count = browser.driver.executeScript("return [...document.querySelectorAll('.kpi-chart canvas')]"
                    + ".filter(c => window.Chart && window.Chart.getChart(c)).length;");
            return ((Number) count).intValue() == 7 ? count : null;
        });
        assertEquals(7, ((Number) charts).intValue());
        assertEquals("0 of 0 replies", browser.driver.findElement(By.cssSelector("[data-kpi='reply-coach'] "
                + ".kpi-hint")).getText(), "the reply coach's tile, with no agent reply yet");
        String csv = browser.driver.findElement(By.cssSelector("[data-chart='handoff-reasons'] .kpi-csv"))
                .getAttribute("href");
        assertTrue(csv.contains("/api/kpis/handoff-reasons.csv?from="), csv);
        assertFalse(browser.driver.findElement(By.cssSelector("#app .layout")).isDisplayed(), "the inbox steps aside");
    }

    @Test
    void an_agent_has_no_dashboard_link() {
        signIn("dana@perkful.example", "Dana Reyes");

        assertFalse(browser.driver.findElement(By.id("kpis-link")).isDisplayed());
    }
}
