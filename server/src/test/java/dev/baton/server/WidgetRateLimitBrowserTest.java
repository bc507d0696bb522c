package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.FixtureArticles;
import dev.baton.widget.ChatLimits;
import dev.baton.widget.FrameKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The messenger in a real headless Chromium against a server that allows one message every five seconds, and one
 * help-center search every five seconds per address once a burst of 20 is spent.
 */
class WidgetRateLimitBrowserTest {
    private static TestApp baton;
    private static Browser browser;

    @BeforeAll
    static void start() {
        // Per address: the default 20 clients' worth, 20 searches and then one every 5 s.
        ChatLimits slow = ChatLimits.DEFAULTS.withRate(FrameKind.MESSAGE, new ChatLimits.Rate(1, 0.2))
                .withHelpSearches(new ChatLimits.Rate(1, 0.01));
        baton = new TestApp(FixtureArticles.all(), config -> config.withChatLimits(slow));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        baton.close();
    }

    private static List<WebElement> customerMessages() {
        return browser.messenger().findElements(By.cssSelector(".msg.customer"));
    }

    @Test
    void a_message_the_server_refuses_for_now_goes_again_once_when_the_server_says_it_may() {
        browser.driver.get(baton.url() + "/");
        browser.waitFor(d -> browser.messenger().findElement(By.cssSelector(".launcher"))).click();
        WebElement input = browser.chatComposer();
        // Every frame the widget sends, in order.
        browser.driver.executeScript("window.sentFrames = []; const send = WebSocket.prototype.send;"
                + "WebSocket.prototype.send = function (data) { window.sentFrames.push(JSON.parse(data));"
                + " return send.call(this, data); };");

        input.sendKeys("How do customers earn points?", Keys.ENTER);
        browser.waitFor(d -> customerMessages().size() == 1 && customerMessages().get(0).getText().contains("Sent"));
        input.sendKeys("Do points expire?", Keys.ENTER);

        // Refused at once (one message every five seconds), it goes again when the server said it may.
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).ignoring(RuntimeException.class)
                .until(d -> customerMessages().size() == 2 && customerMessages().get(1).getText().contains("Sent"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sent = (List<Map<String, Object>>) browser.driver.executeScript(
                "return window.sentFrames.filter((f) => f.type === 'message');");
        Object second = sent.get(sent.size() - 1).get("clientMsgId");
        long sends = sent.stream().filter(frame -> second.equals(frame.get("clientMsgId"))).count();
        assertEquals(2, sends, () -> "refused once, sent again once when it could go: " + sent);
        assertTrue(customerMessages().stream().noneMatch(m -> m.getAttribute("class").contains("failed")));
    }

    @Test
    void a_search_the_server_refuses_for_now_says_so_and_goes_again_when_the_server_says_it_may() {
        browser.driver.get(baton.url() + "/kb");
        browser.driver.executeScript("localStorage.clear();");
        browser.driver.get(baton.url() + "/");
        browser.waitFor(d -> browser.messenger().findElement(By.cssSelector(".launcher"))).click();
        WebElement search = browser.waitFor(d -> browser.messenger().findElement(By.cssSelector(".help input")));
        // Other customers behind this address spent its burst.
        Object statuses = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " Promise.all([...Array(20).keys()].map((i) => fetch('/help/search?q=points' + i)"
                + ".then((r) => r.status))).then(done);");
        assertEquals(java.util.Collections.nCopies(20, 200L), statuses);

        search.sendKeys("is there a fee to cancel");
        browser.waitFor(d -> browser.messenger().findElement(By.cssSelector(".help .none")).getText()
                .equals("Searching again in a moment…"));
        // The home list has the article too: the search's own results say "Results".
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).ignoring(RuntimeException.class)
                .until(d -> browser.messenger().findElement(By.cssSelector(".help .label")).getText().equals("Results"));
        assertEquals("", browser.messenger().findElement(By.cssSelector(".help .none")).getText());
        assertTrue(browser.messenger().findElement(By.cssSelector(".help .results")).getText()
                .startsWith("Cancelling your subscription"));
    }
}
