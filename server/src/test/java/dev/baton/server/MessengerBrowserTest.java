package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.conversation.Role;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The messenger as customers use it, in a real headless Chromium against the real server: signed identities, a
 * lost network, "Did this help?", a person joining, typing, "Seen", the rating, Japanese, and hostile text.
 */
class MessengerBrowserTest {
    private static final String PASSWORD = "a-long-test-password";
    private static final String AGENT = "Dana Reyes";

    private static TestApp baton;
    private static Browser browser;
    private static ConsoleApi dana;

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all(), config -> config.withMessenger(
                new BatonConfig.Messenger(TestTokens.SECRET, false, List.of())));
        baton.addAgent("dana@perkful.example", AGENT, AgentRole.AGENT, 5, PASSWORD, "billing", "general");
        dana = ConsoleApi.loggedIn(baton.port(), "dana@perkful.example", PASSWORD);
        billingClaimsByHandAroundTheClock();
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        baton.close();
    }

    @Test
    void a_verified_user_is_greeted_by_name_a_forged_token_is_refused_and_sign_out_forgets_the_chat() {
        String userId = "user-" + System.nanoTime();
        open(baton.url(), Map.of("user", Map.of("token",
                TestTokens.token(TestTokens.SECRET, userId, "Maria Lopez", "maria@example.com"))));

        waitFor(d -> text(".msg.system .bubble").startsWith("Hi Maria! Ask a question"));
        String id = conversationId(baton.url());
        assertTrue(baton.conversations().find(id).orElseThrow().customer().verified());

        browser.driver.executeScript("Baton.shutdown();");
        assertNull(browser.driver.executeScript("return localStorage.getItem('baton:' + location.origin);"),
                "sign-out leaves nothing of the chat on the device");
        assertTrue(browser.driver.findElements(By.tagName("baton-messenger")).isEmpty());

        String forged = TestTokens.token("someone-else-s-secret-also-32-bytes-long", userId, "Maria Lopez",
                "maria@example.com");
        boot(Map.of("user", Map.of("token", forged)));
        browser.driver.executeScript("Baton.open();");
        waitFor(d -> text(".status").equals("We couldn't verify who you are. Please sign in to the product again."));
        assertTrue(browser.messenger().findElements(By.cssSelector(".msg.system .bubble")).stream()
                .noneMatch(b -> b.getText().contains("Maria")), "no one is greeted on a forged token");
    }

    @Test
    void messages_sent_while_offline_or_whose_ack_was_lost_are_stored_once_and_shown_once() {
        try (CuttableProxy network = new CuttableProxy(baton.port())) {
            WebElement input = open(network.url(), Map.of());
            input.sendKeys("How do customers earn points?", Keys.ENTER);
            waitFor(d -> bubbles("bot").size() == 1);
            String id = conversationId(network.url());

            // The message reaches the server, but its ack and the answer never come back; then the network drops.
            network.swallowReplies(true);
            input.sendKeys("Is there a cancellation fee?", Keys.ENTER);
            waitFor(d -> customerTexts(id).contains("Is there a cancellation fee?"));
            network.cut();
            network.swallowReplies(false);
            waitFor(d -> text(".status").startsWith("Offline"));

            input.sendKeys("How do I connect Shopify?", Keys.ENTER);
            WebElement pending = waitFor(d -> bubbles("customer").get(2));
            assertTrue(pending.getText().endsWith("Sending…"), pending.getText());

            network.restore();
            longWait(d -> bubbles("customer").stream().allMatch(b -> b.getText().endsWith("Sent")));
            longWait(d -> bubbles("bot").size() == 3);

            assertEquals(List.of("How do customers earn points?", "Is there a cancellation fee?",
                    "How do I connect Shopify?"), customerTexts(id), "each message stored once, in order");
            assertEquals(3, bubbles("customer").size(), "and shown once");
            assertEquals(3, baton.conversations().history(id).transcript().stream()
                    .filter(m -> m.author().role() == Role.BOT).count(), "each answered once");
            assertEquals("", text(".status"));
        }
    }

    @Test
    void no_on_did_this_help_offers_a_person_and_the_second_no_hands_over() {
        WebElement input = open(baton.url(), Map.of());
        input.sendKeys("How do customers earn points?", Keys.ENTER);
        clickNo(waitFor(d -> bubbles("bot").get(0)));
        String sorry = waitFor(d -> bubbles("bot").get(1)).findElement(By.cssSelector(".bubble")).getText();
        assertTrue(sorry.startsWith("Sorry that didn't help."), sorry);

        // Another question: the same one again would get the same article again, and is handed over at once instead
        // (HandoffSocketTest.a_question_asked_again_that_would_get_the_same_article_again_is_handed_over).
        input.sendKeys("Do customers get points on their birthday?", Keys.ENTER);
        clickNo(waitFor(d -> bubbles("bot").size() == 3 ? bubbles("bot").get(2) : null));

        waitFor(d -> text(".handoff-status").startsWith("Waiting for our team"));
        assertEquals("not_helpful", baton.conversations().find(conversationId(baton.url())).orElseThrow()
                .handling().reason());
        assertFalse(browser.messenger().findElement(By.cssSelector("header .human")).isDisplayed(),
                "no 'Talk to a person' while waiting for one");
    }

    @Test
    void a_person_joins_types_reads_and_replies_and_after_resolving_the_customer_rates_the_help() {
        String userId = "user-" + System.nanoTime();
        String token = TestTokens.token(TestTokens.SECRET, userId, "Maria Lopez", "maria@example.com");
        WebElement input = open(baton.url(), Map.of("user", Map.of("token", token)));
        browser.driver.executeScript("window.unreadSeen = []; Baton.on('unread', n => window.unreadSeen.push(n));");
        var closeWithPersonButton = browser.messenger().findElement(By.cssSelector("header .close")).getRect();
        input.sendKeys("I want a refund for my last invoice", Keys.ENTER);
        waitFor(d -> text(".handoff-status").startsWith("Waiting for our team"));
        assertFalse(browser.messenger().findElement(By.cssSelector("header .human")).isDisplayed());
        assertEquals(closeWithPersonButton, browser.messenger().findElement(By.cssSelector("header .close")).getRect(),
                "the close button keeps its place when \"Talk to a person\" is hidden");
        String id = conversationId(baton.url());
        AgentClient console = AgentClient.of(baton.port(), dana).open();
        try {
            console.hello(null);
            assertEquals(200, dana.post("/api/conversations/" + id + "/claim", Map.of()).status());

            waitFor(d -> text(".msg.system.joined").equals(AGENT + " joined the conversation"));
            waitFor(d -> text(".handoff-status").equals("You're chatting with " + AGENT));

            console.sendFrame(JsonSocketClient.frame("typing").put("conversationId", id).put("typing", true));
            waitFor(d -> text(".typing").equals(AGENT + " is typing…"));

            String asked = baton.conversations().history(id).transcript().get(0).seq();
            dana.post("/api/conversations/" + id + "/read", Map.of("seq", asked));
            waitFor(d -> bubbles("customer").get(0).findElement(By.cssSelector(".state")).getText().equals("Seen"));

            browser.driver.executeScript("Baton.close();");
            JsonNode reply = dana.post("/api/conversations/" + id + "/messages",
                    Map.of("text", "Hi Maria, I'm Dana. I'm refunding invoice 1042 now.")).body();
            waitFor(d -> text(".badge").equals("1"));
            assertEquals(List.of(1L), browser.driver.executeScript("return window.unreadSeen.filter(n => n > 0);"));
            assertEquals("", text(".typing"), "typing ends with the reply");

            browser.driver.executeScript("Baton.open();");
            WebElement answer = waitFor(d -> bubbles("agent").get(0));
            assertEquals(AGENT, answer.findElement(By.cssSelector(".who")).getText());
            assertFalse(browser.messenger().findElement(By.cssSelector(".badge")).isDisplayed());
            waitFor(d -> reply.path("seq").asText().equals(
                    baton.conversations().find(id).orElseThrow().handling().customerReadSeq()));

            dana.post("/api/conversations/" + id + "/resolve", Map.of());
            WebElement rating = waitFor(d -> browser.messenger().findElement(By.cssSelector("form.csat")));
            // Resolving says so, above the rating: five stars, each named with its number and word.
            assertEquals("This conversation was closed. Write again any time to reopen it.",
                    text(".msg.system.closed"));
            assertEquals(Boolean.TRUE, browser.driver.executeScript("const root = arguments[0].shadowRoot;"
                    + " return root.querySelector('.msg.closed').nextElementSibling === root.querySelector('form.csat');",
                    browser.driver.findElement(By.tagName("baton-messenger"))));
            List<WebElement> stars = rating.findElements(By.cssSelector(".scores button"));
            assertEquals(List.of("★", "★", "★", "★", "★"), stars.stream().map(WebElement::getText).toList());
            assertEquals("4 stars: Good", stars.get(3).getAccessibleName());
            assertEquals("1 star: Very bad", stars.get(0).getAccessibleName());
            rating.findElement(By.cssSelector("button[data-score='4']")).click();
            assertEquals(4, rating.findElements(By.cssSelector(".scores button.lit")).size());
            rating.findElement(By.cssSelector("textarea")).sendKeys("Quick and kind.");
            rating.findElement(By.cssSelector("button.send")).click();

            waitFor(d -> text(".csat-thanks").equals("Thanks for your rating!"));
            assertEquals(4, baton.conversations().find(id).orElseThrow().handling().csatRating());
            List<String> live = logLines();

            // After a reload the customer sees what they saw live: who joined, in its place, the close, the thanks.
            // The product's page states who the customer is again, as it does on every page.
            Map<String, Object> settings = browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", "window.BatonSettings = {user: {token: '" + token + "'}};"));
            try {
                browser.driver.navigate().refresh();
                waitFor(d -> logLines().equals(live) ? true : null);
            } catch (org.openqa.selenium.TimeoutException e) {
                assertEquals(live, logLines());
            } finally {
                browser.driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
                        Map.of("identifier", settings.get("identifier")));
            }
            assertTrue(live.contains(AGENT + " joined the conversation"), live::toString);
            JsonNode seen = dana.get("/api/conversations/" + id).body();
            assertEquals(4, seen.path("summary").path("csat").asInt());
            assertTrue(seen.path("transcript").toString().contains("rated the help 4/5: \u201cQuick and kind.\u201d"));
        } finally {
            console.closeNow();
        }
    }

    /** The wait the team states, read in the status line and in the team's note: one minute is "about a minute". */
    @Test
    void a_one_minute_wait_reads_about_a_minute_in_english_and_one_minute_in_japanese() {
        ConsoleApi admin = ConsoleApi.loggedIn(baton.port(), "ops@perkful.example", PASSWORD);
        assertEquals(200, admin.putTeam("billing", "Billing", false, null, 1).status());
        // Dana, in Billing, has the console open: the team answers soon.
        AgentClient console = AgentClient.of(baton.port(), dana).open();
        try {
            console.hello(null);
            WebElement input = open(baton.url(), Map.of());
            input.sendKeys("I want a refund for my last invoice", Keys.ENTER);
            waitFor(d -> text(".handoff-status").equals("Waiting for our team — usually replies in about a minute"));
            assertTrue(bubbles("system").stream().anyMatch(m -> m.getText()
                    .endsWith("We usually reply in about a minute.")), () -> logLines().toString());

            WebElement japanese = open(baton.url(), Map.of("locale", "ja"));
            japanese.sendKeys("返金してください", Keys.ENTER);
            waitFor(d -> text(".handoff-status").equals("担当者をお待ちください — 通常1分ほどでお返事します"));
            assertTrue(bubbles("system").stream().anyMatch(m -> m.getText().endsWith("通常1分ほどでお返事します。")),
                    () -> logLines().toString());
        } finally {
            console.closeNow();
            assertEquals(200, admin.putTeam("billing", "Billing", false, null, 10).status());
        }
    }

    @Test
    void the_launcher_shows_what_a_click_does_and_on_a_narrow_screen_the_panel_takes_the_screen() {
        open(baton.url(), Map.of());
        WebElement launcher = browser.messenger().findElement(By.cssSelector(".launcher"));
        assertEquals("close", launcher.getDomAttribute("data-icon"));
        browser.driver.executeScript("Baton.close();");
        waitFor(d -> "chat".equals(launcher.getDomAttribute("data-icon")));

        var wide = browser.driver.manage().window().getSize();
        try {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(420, 760));
            browser.driver.executeScript("Baton.open();");
            @SuppressWarnings("unchecked")
            List<Number> panel = (List<Number>) browser.driver.executeScript("const r = arguments[0].shadowRoot"
                    + ".querySelector('.panel').getBoundingClientRect(); return [r.left, r.top, r.width - innerWidth,"
                    + " r.height - innerHeight];", browser.driver.findElement(By.tagName("baton-messenger")));
            assertEquals(List.of(0L, 0L, 0L, 0L), panel.stream().map(Number::longValue).toList(),
                    "the panel fills the narrow screen");
            browser.messenger().findElement(By.cssSelector("header .close")).click();
            waitFor(d -> !browser.messenger().findElement(By.cssSelector(".panel")).isDisplayed());
        } finally {
            browser.driver.manage().window().setSize(wide);
        }
    }

    @Test
    void in_japanese_every_word_is_japanese_and_enter_while_composing_does_not_send() {
        WebElement input = open(baton.url(), Map.of("locale", "ja"));

        assertEquals("メッセージを入力…", input.getAttribute("placeholder"));
        assertEquals("担当者と話す", text("header .human"));
        assertTrue(text(".msg.system .bubble").startsWith("こんにちは！"));
        input.sendKeys("ポイントの有効期限");
        browser.driver.executeScript("arguments[0].dispatchEvent(new KeyboardEvent('keydown', "
                + "{key: 'Enter', isComposing: true, bubbles: true, cancelable: true}));", input);
        assertTrue(bubbles("customer").isEmpty(), "Enter that confirms a conversion is not a send");

        input.sendKeys("はいつですか", Keys.ENTER);

        WebElement answer = waitFor(d -> bubbles("bot").get(0));
        assertEquals("ポイントの有効期限", answer.findElement(By.cssSelector(".cite a")).getText());
        assertEquals("お役に立ちましたか？はいいいえ", answer.findElement(By.cssSelector(".feedback")).getText()
                .replaceAll("\\s", ""));
        waitFor(d -> bubbles("customer").get(0).getText().endsWith("送信済み"));
    }

    @Test
    void markup_in_messages_is_shown_as_text_and_never_runs() {
        WebElement input = open(baton.url(), Map.of());
        String hostile = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";

        input.sendKeys(hostile, Keys.ENTER);
        browser.messenger().findElement(By.cssSelector("header .human")).click();
        waitFor(d -> text(".handoff-status").startsWith("Waiting for our team"));
        String id = conversationId(baton.url());
        dana.post("/api/conversations/" + id + "/claim", Map.of());
        dana.post("/api/conversations/" + id + "/messages", Map.of("text", "<b onmouseover=alert(1)>bold</b>"));

        WebElement agent = waitFor(d -> bubbles("agent").get(0));
        assertEquals("<b onmouseover=alert(1)>bold</b>", agent.findElement(By.cssSelector(".bubble")).getText());
        assertEquals(hostile, bubbles("customer").get(0).findElement(By.cssSelector(".bubble")).getText());
        assertTrue(browser.messenger().findElements(By.cssSelector(".log img, .log script, .log b")).isEmpty());
        assertNull(browser.driver.executeScript("return window.pwned;"), "no script from a message ran");
    }

    /**
     * So that what the customer is told does not depend on the day of the week the test runs, nor on whether Dana's
     * console was open in an earlier test less than a minute ago (she would be online, and get the conversation at
     * once): both of her teams claim by hand.
     */
    private static void billingClaimsByHandAroundTheClock() {
        baton.addAgent("ops@perkful.example", "Ops Admin", AgentRole.ADMIN, 5, PASSWORD);
        ConsoleApi admin = ConsoleApi.loggedIn(baton.port(), "ops@perkful.example", PASSWORD);
        assertEquals(200, admin.putTeam("billing", "Billing", false, null, 10).status());
        assertEquals(200, admin.putTeam("general", "General", false, null, 10).status());
    }

    /** Loads {@code origin}'s demo page as a first-time visitor, boots the messenger with the settings, opens it. */
    private static WebElement open(String origin, Map<String, Object> settings) {
        browser.driver.get(origin + "/");
        browser.driver.executeScript("Baton.shutdown(); localStorage.clear();");
        boot(settings);
        browser.driver.executeScript("Baton.open();");
        WebElement input = browser.chatComposer();
        waitFor(d -> browser.driver.executeScript("return localStorage.getItem('baton:' + location.origin);")
                .toString().contains("conversationId\":\""));
        return input;
    }

    private static void boot(Map<String, Object> settings) {
        browser.driver.executeScript("Baton.boot(arguments[0]);", settings);
    }

    private static String conversationId(String origin) {
        return (String) browser.driver.executeScript(
                "return JSON.parse(localStorage.getItem('baton:' + arguments[0])).conversationId;", origin);
    }

    private static List<String> customerTexts(String id) {
        return baton.conversations().history(id).transcript().stream()
                .filter(m -> m.author().role() == Role.CUSTOMER).map(m -> m.text()).toList();
    }

    private static void clickNo(WebElement botBubble) {
        botBubble.findElements(By.cssSelector(".feedback button")).stream()
                .filter(b -> b.getText().equals("No")).findFirst().orElseThrow().click();
    }

    /** The log as the customer reads it: each message's bubble text, or the rating card's words, in order. */
    @SuppressWarnings("unchecked")
    private static List<String> logLines() {
        return (List<String>) browser.driver.executeScript("return [...arguments[0].shadowRoot.querySelector('.log')"
                + ".children].map((e) => (e.querySelector('.bubble') || e).textContent.trim());",
                browser.driver.findElement(By.tagName("baton-messenger")));
    }

    private static List<WebElement> bubbles(String role) {
        return browser.messenger().findElements(By.cssSelector(".msg." + role));
    }

    private static String text(String css) {
        return browser.messenger().findElement(By.cssSelector(css)).getText();
    }

    private static <T> T waitFor(Function<WebDriver, T> condition) {
        return browser.waitFor(condition);
    }

    /** For reconnecting, whose backoff may take several seconds on a slow machine. */
    private static <T> T longWait(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(30)).ignoring(RuntimeException.class)
                .until(condition);
    }
}
