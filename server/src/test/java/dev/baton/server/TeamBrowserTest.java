package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Access in real Chromium, under the console's Content-Security-Policy: an agent changes their password, an admin
 * deactivates them from the team page and their open console says they were logged out, and no page of the console
 * (inbox, team, webhooks, KPIs with Chart.js, knowledge base) breaks the policy.
 */
class TeamBrowserTest {
    private static final String PASSWORD = "a-long-test-password";
    private static final String NEW_PASSWORD = "another-long-password";
    private static TestApp baton;
    private static Agent wes;
    private static Browser agent;
    private static Browser admin;

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all(), config -> config);
        baton.addAgent("admin@perkful.example", "Ops Admin", AgentRole.ADMIN, 5, PASSWORD);
        wes = baton.addAgent("wes@perkful.example", "Wes Lane", AgentRole.AGENT, 5, PASSWORD, "general");
        agent = new Browser();
        admin = new Browser();
    }

    @AfterAll
    static void stop() {
        for (Browser browser : new Browser[] {agent, admin}) {
            if (browser != null) {
                browser.close();
            }
        }
        baton.close();
    }

    private static void signIn(Browser browser, String email, String password, String name) {
        browser.driver.get(baton.url() + "/console/index.html");
        browser.waitFor(d -> d.findElement(By.id("login-email")).isDisplayed());
        browser.driver.findElement(By.id("login-email")).sendKeys(email);
        browser.driver.findElement(By.id("login-password")).sendKeys(password);
        browser.driver.findElement(By.id("login-submit")).click();
        browser.waitFor(d -> d.findElement(By.id("me-name")).getText().equals(name));
        // The socket is up once its welcome stored a resume point.
        browser.waitFor(d -> browser.driver.executeScript(
                "return sessionStorage.getItem('baton.console.lastEventId');") != null);
    }

    private static String text(WebDriver driver, String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    @Test
    void an_agent_changes_their_password_an_admin_deactivates_them_and_no_page_breaks_the_policy() {
        signIn(agent, wes.email(), PASSWORD, "Wes Lane");
        agent.driver.findElement(By.id("password-open")).click();
        agent.waitFor(d -> d.findElement(By.id("password-current")).isDisplayed());
        agent.driver.findElement(By.id("password-current")).sendKeys(PASSWORD);
        agent.driver.findElement(By.id("password-new")).sendKeys(NEW_PASSWORD);
        agent.driver.findElement(By.id("password-submit")).click();
        agent.waitFor(d -> text(d, "#password-result").startsWith("Password changed"));
        agent.driver.findElement(By.id("password-close")).click();

        signIn(admin, "admin@perkful.example", PASSWORD, "Ops Admin");
        admin.driver.findElement(By.id("team-open")).click();
        String row = "#team-list li[data-id='" + wes.id() + "'] ";
        admin.waitFor(d -> text(d, row + ".member-state").equals("Active"));
        admin.driver.findElement(By.cssSelector(row + ".member-toggle")).click();
        admin.driver.switchTo().alert().accept();
        admin.waitFor(d -> text(d, row + ".member-state").equals("Deactivated"));

        // Wes's console, open all along, is closed and says why.
        agent.waitFor(d -> d.findElement(By.id("login")).isDisplayed());
        agent.waitFor(d -> text(d, "#login-notice").contains("deactivated"));
        assertEquals(403, new ConsoleApi(baton.port()).login(wes.email(), NEW_PASSWORD).status());

        admin.driver.findElement(By.cssSelector(row + ".member-toggle")).click();
        admin.waitFor(d -> text(d, row + ".member-state").equals("Active"));
        assertEquals(200, new ConsoleApi(baton.port()).login(wes.email(), NEW_PASSWORD).status());
        admin.driver.findElement(By.id("team-close")).click();

        // The rest of the console, with its charts and editor, under the same policy.
        admin.driver.findElement(By.id("webhooks-open")).click();
        admin.waitFor(d -> text(d, "#webhooks-list").contains("No webhooks yet."));
        admin.driver.findElement(By.id("webhooks-close")).click();
        admin.driver.findElement(By.id("kpis-link")).click();
        admin.waitFor(d -> !d.findElements(By.cssSelector("#kpis canvas")).isEmpty());
        List<String> inboxBar = topBar();
        admin.driver.get(baton.url() + "/console/kb.html");
        admin.waitFor(d -> !d.findElements(By.cssSelector("#kb-list li")).isEmpty());

        // One top bar on every console page: the same links, styled alike, the page one is on marked.
        List<String> kbBar = admin.waitFor(d -> {
            List<String> bar = topBar();
            return bar.size() == 5 ? bar : null;
        });
        List<String> pages = List.of("Inbox", "Knowledge base", "KPIs", "Webhooks", "Team");
        assertEquals(pages, inboxBar.stream().map(link -> link.split("\\|")[0]).toList());
        assertEquals(pages, kbBar.stream().map(link -> link.split("\\|")[0]).toList());
        assertEquals(List.of("KPIs"), current(inboxBar));
        assertEquals(List.of("Knowledge base"), current(kbBar));
        List<String> looks = new ArrayList<>();
        for (List<String> bar : List.of(inboxBar, kbBar)) {
            bar.stream().filter(link -> link.contains("|false|")).map(link -> link.split("\\|")[2]).forEach(looks::add);
        }
        assertEquals(1, looks.stream().distinct().count(), "every link of both bars looks alike: " + looks);
        // From the knowledge base page, Webhooks opens the console with its dialog.
        admin.driver.findElement(By.linkText("Webhooks")).click();
        admin.waitFor(d -> d.findElement(By.id("webhooks")).getAttribute("open") != null);
        admin.waitFor(d -> text(d, "#webhooks-list").contains("No webhooks yet."));
        admin.driver.findElement(By.id("webhooks-close")).click();

        List<String> messages = new ArrayList<>(agent.consoleMessages());
        messages.addAll(admin.consoleMessages());
        assertTrue(messages.stream().noneMatch(m -> m.contains("Content Security Policy")), messages::toString);

        // The check above can fail: an inline script is refused, and said so in the same log.
        admin.driver.executeScript("const s = document.createElement('script'); s.textContent = 'window.x = 1';"
                + " document.head.append(s);");
        admin.waitFor(d -> admin.consoleMessages().stream().anyMatch(m -> m.contains("Content Security Policy")));
    }

    /** The top bar's visible links as "text|current|look" (the look: the computed font, border and padding). */
    @SuppressWarnings("unchecked")
    private static List<String> topBar() {
        return (List<String>) admin.driver.executeScript("""
                return [...document.querySelectorAll('.topbar-nav .nav-link')].filter((a) => !a.hidden).map((a) => {
                  const s = getComputedStyle(a);
                  return [a.textContent.trim(), a.getAttribute('aria-current') === 'page',
                    [s.fontSize, s.fontWeight, s.borderTopWidth, s.borderTopStyle, s.paddingLeft, s.borderRadius,
                      s.textDecorationLine, s.color].join(' ')].join('|');
                });""");
    }

    private static List<String> current(List<String> bar) {
        return bar.stream().filter(link -> link.contains("|true|")).map(link -> link.split("\\|")[0]).toList();
    }
}
