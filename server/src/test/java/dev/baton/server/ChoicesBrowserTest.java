package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.kb.Article;
import dev.baton.routing.AgentRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** "Did you mean…" in the messenger, in a real headless Chromium: buttons in English and Japanese, by keyboard. */
class ChoicesBrowserTest {
    private static final String PASSWORD = "a-long-test-password";
    private static final List<Article> ARTICLES = new ArrayList<>(ChoicesSocketTest.ARTICLES);
    private static TestApp baton;
    private static Browser browser;

    static {
        ARTICLES.add(new Article("ja-cancel-plan", "プランの解約", "オーナーは**設定 > お支払い > プランを解約**で解約できます。",
                List.of(), "ja", List.of("プランを解約したい", "解約の方法")));
        ARTICLES.add(new Article("ja-delete-account", "アカウントの削除", "オーナーは**設定 > アカウント**でアカウントを削除できます。すべてのデータが消えます。",
                List.of(), "ja", List.of("アカウントを削除したい", "退会の方法")));
    }

    @BeforeAll
    static void start() {
        baton = new TestApp(ARTICLES);
        baton.addAgent("choices-ui@perkful.example", "Alex Kim", AgentRole.ADMIN, 5, PASSWORD);
        // Every question in scope gets choices, whatever the model's numbers: this tests the buttons.
        ConsoleApi.loggedIn(baton.port(), "choices-ui@perkful.example", PASSWORD).put("/api/kb/calibration",
                Map.of("answerThreshold", 0.999, "offerThreshold", 0.0001, "wordAnswerThreshold", 0.999,
                        "wordOfferThreshold", 0.0001));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        baton.close();
    }

    private static WebElement open(Map<String, Object> settings) {
        browser.driver.get(baton.url() + "/");
        browser.driver.executeScript("Baton.shutdown(); localStorage.clear();");
        browser.driver.executeScript("Baton.boot(arguments[0]);", settings);
        browser.driver.executeScript("Baton.open();");
        return browser.chatComposer();
    }

    private static List<WebElement> bot() {
        return browser.messenger().findElements(By.cssSelector(".msg.bot"));
    }

    @Test
    void choices_are_buttons_a_keyboard_can_pick_and_the_pick_is_answered() {
        WebElement input = open(Map.of());
        input.sendKeys("what can only the owner do under settings", Keys.ENTER);

        WebElement group = browser.waitFor(d -> browser.messenger().findElement(By.cssSelector(".choices")));
        assertEquals("group", group.getAttribute("role"));
        assertEquals("Suggested articles", group.getAttribute("aria-label"));
        List<WebElement> buttons = group.findElements(By.cssSelector("button"));
        assertEquals("None of these", buttons.get(buttons.size() - 1).getText());
        WebElement delete = buttons.stream().filter(b -> "delete-account".equals(b.getAttribute("data-article-id")))
                .findFirst().orElseThrow();
        assertEquals("Delete your account", delete.getText());

        delete.sendKeys(Keys.ENTER); // focusable, and Enter presses it, as a keyboard user would

        WebElement answer = browser.waitFor(d -> bot().size() == 2 ? bot().get(1) : null);
        assertTrue(answer.getText().contains("removes every store"), answer.getText());
        assertEquals("Delete your account", answer.findElement(By.cssSelector(".cite a")).getText());
        assertTrue(browser.messenger().findElements(By.cssSelector(".choices")).isEmpty(), "the buttons are gone");
    }

    @Test
    void in_japanese_the_buttons_say_so_and_none_of_these_offers_a_person() {
        WebElement input = open(Map.of("locale", "ja"));
        input.sendKeys("オーナーの設定について教えて", Keys.ENTER);

        WebElement group = browser.waitFor(d -> browser.messenger().findElement(By.cssSelector(".choices")));
        assertEquals("候補の記事", group.getAttribute("aria-label"));
        assertTrue(bot().get(0).getText().contains("もしかして"), bot().get(0).getText());
        List<WebElement> buttons = group.findElements(By.cssSelector("button"));
        WebElement none = buttons.get(buttons.size() - 1);
        assertEquals("どれも違う", none.getText());

        none.click();

        WebElement reply = browser.waitFor(d -> bot().size() == 2 ? bot().get(1) : null);
        assertTrue(reply.getText().contains("担当者におつなぎしましょうか"), reply.getText());
    }
}
