package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.FixtureArticles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The messenger on the demo page, in a real headless Chromium, as a customer uses it. */
class WidgetBrowserTest {
    private static final String PASSWORD = "a-long-test-password";

    private static TestApp baton;
    private static Browser browser;
    /** An agent who never opens the console (so nobody is online), to claim over the API. */
    private static ConsoleApi agent;

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all());
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        baton.close();
    }

    private static List<WebElement> messages(String role) {
        return browser.messenger().findElements(By.cssSelector(".msg." + role));
    }

    /** The demo page as a first-time visitor (whatever an earlier test left in storage), the messenger opened. */
    private static WebElement openAsANewVisitor() {
        // Storage is cleared on a page of the same origin without a messenger: a running one could save its state
        // back (a frame arriving between the clear and the reload) and resume the last test's open conversation.
        browser.driver.get(baton.url() + "/kb");
        browser.driver.executeScript("localStorage.clear();");
        browser.driver.get(baton.url() + "/");
        browser.waitFor(d -> browser.messenger().findElement(By.cssSelector(".launcher"))).click();
        return browser.chatComposer();
    }

    @Test
    void a_question_is_answered_with_its_article_link_and_the_history_survives_a_reload() {
        WebElement input = openAsANewVisitor();

        input.sendKeys("Is there a cancellation fee?", Keys.ENTER);

        WebElement answer = browser.waitFor(d -> messages("bot").isEmpty() ? null : messages("bot").get(0));
        assertEquals("You can cancel your plan yourself at any time. There is no cancellation fee.",
                answer.findElement(By.cssSelector(".bubble")).getText());
        WebElement link = answer.findElement(By.cssSelector(".cite a"));
        assertEquals("Cancelling your subscription", link.getText());
        assertEquals(baton.url() + "/kb/cancel-subscription", link.getAttribute("href"));
        browser.waitFor(d -> messages("customer").get(0).getText().contains("Sent"));

        browser.driver.navigate().refresh();

        browser.waitFor(d -> messages("bot").size() == 1);
        assertTrue(browser.messenger().findElement(By.cssSelector(".panel")).isDisplayed(),
                "the panel stays open across pages");
        List<WebElement> asked = messages("customer");
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).getText().contains("Is there a cancellation fee?"));
        assertEquals(baton.url() + "/kb/cancel-subscription",
                messages("bot").get(0).findElement(By.cssSelector(".cite a")).getAttribute("href"));
    }

    @Test
    void the_email_card_goes_when_a_person_joins_and_is_never_offered_when_the_host_page_gave_the_email() {
        WebElement input = openAsANewVisitor();
        input.sendKeys("I want a refund for my last invoice", Keys.ENTER);
        browser.waitFor(d -> browser.messenger().findElement(By.cssSelector("form.contact")));
        String id = (String) browser.driver.executeScript(
                "return JSON.parse(localStorage.getItem('baton:' + location.origin)).conversationId;");
        assertEquals(200, agent().post("/api/conversations/" + id + "/claim", java.util.Map.of()).status());
        browser.waitFor(d -> !messages("system.joined").isEmpty());
        assertTrue(browser.messenger().findElements(By.cssSelector("form.contact")).isEmpty(),
                "no email card once a person is in the chat");

        browser.driver.executeScript("Baton.shutdown(); localStorage.clear();"
                + " Baton.boot({user: {name: 'Maria Lopez', email: 'maria@example.com'}}); Baton.open();");
        WebElement again = browser.chatComposer();
        again.sendKeys("I want a refund for my last invoice", Keys.ENTER);
        browser.waitFor(d -> messages("system").stream()
                .anyMatch(m -> m.getText().startsWith("I'm bringing in someone from our team")));
        assertTrue(browser.messenger().findElements(By.cssSelector("form.contact")).isEmpty(),
                "the host page gave the email: nobody asks for it again");
    }

    @Test
    void the_help_center_finds_an_article_as_one_types_shows_it_in_the_panel_and_leads_to_the_chat() {
        openAsANewVisitor();
        helpButton().click();
        WebElement search = browser.waitFor(d -> browser.messenger().findElement(By.cssSelector(".help input")));
        assertFalse(browser.messenger().findElement(By.cssSelector("textarea")).isDisplayed(), "the chat gives way");
        search.sendKeys("is there a fee to cancel");
        // The home list has the article too: wait for the search's own results.
        browser.waitFor(d -> browser.messenger().findElement(By.cssSelector(".help .label")).getText()
                .equals("Results"));
        WebElement result = browser.waitFor(d -> browser.messenger().findElement(
                By.cssSelector(".help .result[data-id='cancel-subscription']")));
        assertTrue(result.getText().startsWith("Cancelling your subscription"), result.getText());
        result.click();

        browser.waitFor(d -> browser.messenger().findElement(By.cssSelector(".help-article h3")).getText()
                .equals("Cancelling your subscription"));
        assertTrue(browser.messenger().findElement(By.cssSelector(".help-article .article")).getText()
                .contains("There is no cancellation fee."));
        browser.messenger().findElement(By.cssSelector(".help .ask")).click();
        browser.waitFor(d -> browser.messenger().findElement(By.cssSelector("textarea")).isDisplayed());
        assertFalse(browser.messenger().findElement(By.cssSelector(".help")).isDisplayed());

        // In Japanese: the same, in Japanese words, over the Japanese articles (a new conversation opens on it).
        browser.driver.executeScript("Baton.shutdown(); localStorage.clear(); Baton.boot({locale: 'ja'}); Baton.open();");
        WebElement japanese = browser.waitFor(d -> browser.messenger().findElement(By.cssSelector(".help input")));
        assertEquals("記事を検索", japanese.getAttribute("placeholder"));
        assertEquals("解決しませんか？ 質問する", browser.messenger().findElement(By.cssSelector(".help .ask")).getText());
        browser.waitFor(d -> browser.messenger().findElement(
                By.cssSelector(".help .result[data-id='ja-points-expiry']"))).click();
        browser.waitFor(d -> browser.messenger().findElement(By.cssSelector(".help-article .article")).getText()
                .contains("最後の購入日から12か月"));
        assertTrue(browser.consoleMessages().stream().noneMatch(m -> m.contains("SEVERE")),
                browser.consoleMessages()::toString);
    }

    /**
     * As Intercom's Messenger opens on Home: a customer with nothing said yet sees the help center first (search
     * focused, the articles of their language), one with a conversation under way lands in the chat, on reopening
     * and after a reload. In English and Japanese.
     */
    @Test
    void a_new_conversation_opens_on_the_help_center_and_one_under_way_on_the_chat_in_both_languages() {
        record Words(String locale, String heading, String switchToChat, String article, String question) {}
        for (Words words : List.of(
                new Words("en", "Search our help center", "Chat", "cancel-subscription", "Is there a cancellation fee?"),
                new Words("ja", "ヘルプセンターを検索", "チャット", "ja-points-expiry", "ポイントの有効期限は？"))) {
            // The host page gives the customer's language, on every page, as a product's own page would.
            Map<String, Object> settings = browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", "window.BatonSettings = {locale: '" + words.locale() + "'};"));
            try {
                browser.driver.get(baton.url() + "/kb");
                browser.driver.executeScript("localStorage.clear();");
                browser.driver.get(baton.url() + "/");
                browser.waitFor(d -> browser.messenger().findElement(By.cssSelector(".launcher"))).click();

                WebElement search = browser.waitFor(d -> {
                    WebElement input = browser.messenger().findElement(By.cssSelector(".help input"));
                    return input.isDisplayed() ? input : null;
                });
                assertEquals(words.heading(), browser.messenger().findElement(By.cssSelector(".help h3")).getText());
                String ask = browser.messenger().findElement(By.cssSelector(".help .ask")).getText();
                assertTrue(words.locale().equals("ja") || browser.driver.findElement(By.cssSelector(".demo-note"))
                        .getText().contains("“" + ask + "”"), "the demo page names the button the customer sees");
                assertFalse(browser.messenger().findElement(By.cssSelector("textarea")).isDisplayed(), words.locale());
                assertEquals(words.switchToChat(), helpButton().getText());
                browser.waitFor(d -> browser.messenger().findElement(
                        By.cssSelector(".help .result[data-id='" + words.article() + "']")));
                assertEquals(Boolean.TRUE, browser.driver.executeScript("return arguments[0].shadowRoot"
                        + ".activeElement === arguments[1];", browser.driver.findElement(By.tagName("baton-messenger")),
                        search), "the search box has the focus");

                browser.chatComposer().sendKeys(words.question(), Keys.ENTER);
                browser.waitFor(d -> messages("bot").size() == 1);

                browser.driver.executeScript("Baton.close(); Baton.open();");
                assertTrue(browser.messenger().findElement(By.cssSelector("textarea")).isDisplayed(),
                        "reopened on the chat under way");
                assertFalse(browser.messenger().findElement(By.cssSelector(".help")).isDisplayed());

                browser.driver.navigate().refresh();
                browser.waitFor(d -> messages("bot").size() == 1);
                assertTrue(browser.messenger().findElement(By.cssSelector("textarea")).isDisplayed(),
                        "after a reload, the chat under way");
                assertFalse(browser.messenger().findElement(By.cssSelector(".help")).isDisplayed());
            } finally {
                browser.driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
                        Map.of("identifier", settings.get("identifier")));
            }
        }
    }

    /** The article page's mark (24 px) and the help center's name, half a rem apart, do not overlap. */
    @Test
    void the_article_page_shows_its_mark_beside_the_help_center_name_not_over_it() throws Exception {
        browser.driver.get(baton.url() + "/kb/earning-points");
        WebElement brand = browser.waitFor(d -> d.findElement(By.cssSelector("header.site .brand")));
        assertEquals("Help center", brand.getText());
        java.awt.image.BufferedImage shot = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                brand.getScreenshotAs(org.openqa.selenium.OutputType.BYTES)));
        double scale = shot.getWidth() / (double) brand.getRect().getWidth();
        boolean markDrawn = false;
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < (int) (24 * scale); x++) {
                markDrawn |= (shot.getRGB(x, y) & 0xffffff) != 0xffffff;
            }
            // The gap between the mark (0-24 px) and the name (from 32 px) stays white.
            for (int x = (int) Math.ceil(25 * scale); x < (int) (31 * scale); x++) {
                assertEquals(0xffffff, shot.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y + " of the gap");
            }
        }
        assertTrue(markDrawn, "the mark is drawn");
    }

    private static WebElement helpButton() {
        return browser.messenger().findElement(By.cssSelector("header .switch"));
    }

    private static ConsoleApi agent() {
        if (agent == null) {
            baton.addAgent("dana@perkful.example", "Dana Reyes", dev.baton.routing.AgentRole.AGENT, 5, PASSWORD,
                    "billing", "general");
            agent = ConsoleApi.loggedIn(baton.port(), "dana@perkful.example", PASSWORD);
        }
        return agent;
    }

    private static String previousText(WebElement element) {
        return (String) browser.driver.executeScript("return arguments[0].previousElementSibling.textContent;",
                element);
    }

    @Test
    void with_nobody_online_the_customer_leaves_an_email_address_in_the_chat() {
        WebElement input = openAsANewVisitor();

        input.sendKeys("I want a refund for my last invoice", Keys.ENTER);

        WebElement form = browser.waitFor(d -> browser.messenger().findElement(By.cssSelector("form.contact")));
        assertTrue(previousText(form).startsWith("I'm bringing in someone from our team"),
                "the card comes after the note that introduces it: " + previousText(form));
        WebElement email = form.findElement(By.cssSelector("input[type=email]"));
        email.sendKeys("maria at example", Keys.ENTER);
        browser.waitFor(d -> !form.findElement(By.cssSelector(".error")).getText().isEmpty());
        email.clear();
        email.sendKeys("maria@example.com", Keys.ENTER);

        browser.waitFor(d -> messages("system").stream().anyMatch(m -> m.getText()
                .equals("Thanks! We'll also reply to maria@example.com, so you don't have to wait here.")));
        assertTrue(browser.messenger().findElements(By.cssSelector("form.contact")).isEmpty(),
                "the form is gone once the address is left");
        String conversationId = (String) browser.driver.executeScript(
                "return JSON.parse(localStorage.getItem('baton:' + location.origin)).conversationId;");
        assertEquals("maria@example.com",
                baton.conversations().find(conversationId).orElseThrow().customer().email());
    }
}
