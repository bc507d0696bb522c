package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.FakeChatModel;
import dev.baton.testing.FixtureArticles;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The messenger in a real headless Chromium with a model that streams slowly: the answer's text shows as it is
 * written, then the checked message takes its place, or the passage when the model's answer was refused.
 */
class StreamedAnswerBrowserTest {
    private static FakeChatModel model;
    private static TestApp baton;
    private static Browser browser;

    @BeforeAll
    static void start() {
        model = FakeChatModel.start();
        model.pace(Duration.ofMillis(120)); // about 20 pieces: long enough to watch the text grow
        baton = new TestApp(FixtureArticles.all(), config -> config.withLlm(model.settings(Duration.ofSeconds(8))));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        baton.close();
        model.close();
    }

    private static void ask(String question) {
        browser.driver.get(baton.url() + "/");
        browser.driver.executeScript("Baton.shutdown(); localStorage.clear();");
        browser.driver.executeScript("Baton.boot({}); Baton.open();");
        browser.chatComposer().sendKeys(question, Keys.ENTER);
    }

    /** The text of the answer being written, once it has some but not all of {@code whole}. */
    private static String partOfDraft(String whole) {
        return browser.waitFor(d -> {
            WebElement draft = browser.messenger().findElement(By.cssSelector(".msg.bot.draft"));
            assertEquals("true", draft.getAttribute("aria-hidden"), "screen readers would hear unchecked text");
            String text = draft.findElement(By.cssSelector(".bubble")).getText();
            return !text.isEmpty() && text.length() < whole.length() ? text : null;
        });
    }

    /** The bot's stored message, once no draft is left. */
    private static WebElement answerInPlaceOfTheDraft() {
        return browser.waitFor(d -> {
            List<WebElement> drafts = browser.messenger().findElements(By.cssSelector(".msg.draft"));
            List<WebElement> answers = browser.messenger().findElements(By.cssSelector(".msg.bot:not(.draft)"));
            return drafts.isEmpty() && answers.size() == 1 ? answers.get(0) : null;
        });
    }

    @Test
    void the_answer_shows_as_the_model_writes_it_then_the_checked_message_replaces_it() {
        String worded = "No, there is no cancellation fee. You can cancel your plan yourself whenever you like.";
        model.replyWith("{\"answer\": \"" + worded + "\", \"articleIds\": [\"cancel-subscription\"]}");

        ask("Is there a cancellation fee?");

        String part = partOfDraft(worded);
        assertTrue(worded.startsWith(part), () -> "showed '" + part + "'");
        WebElement answer = answerInPlaceOfTheDraft();
        assertEquals(worded, answer.findElement(By.cssSelector(".bubble")).getText());
        assertEquals(baton.url() + "/kb/cancel-subscription",
                answer.findElement(By.cssSelector(".cite a")).getAttribute("href"));
    }

    @Test
    void a_streamed_answer_the_checks_refuse_is_replaced_by_the_passage() {
        String invented = "There is no cancellation fee. Your order 48213 is cancelled free of charge.";
        model.replyWith("{\"answer\": \"" + invented + "\", \"articleIds\": [\"cancel-subscription\"]}");

        ask("Is there a cancellation fee?");

        partOfDraft(invented);
        WebElement answer = answerInPlaceOfTheDraft();
        assertEquals(LlmAnswersSocketTest.PASSAGE, answer.findElement(By.cssSelector(".bubble")).getText());
        String log = browser.messenger().findElement(By.cssSelector(".log")).getText();
        assertFalse(log.contains("48213"), log);
    }
}
