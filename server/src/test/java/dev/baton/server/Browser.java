package dev.baton.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for UI tests: Debian's chromium driven by its chromedriver (set explicitly, so Selenium
 * Manager never tries to download one). CHROME_BIN and CHROMEDRIVER override the paths.
 */
final class Browser implements AutoCloseable {
    final ChromeDriver driver;

    Browser() {
        String chromedriver = envOr("CHROMEDRIVER", "/usr/bin/chromedriver");
        String chromium = envOr("CHROME_BIN", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromedriver)) || !Files.isExecutable(Path.of(chromium))) {
            throw new IllegalStateException("UI tests need Chromium and its driver: apt-get install chromium "
                    + "chromium-driver (or set CHROME_BIN and CHROMEDRIVER). .ci/run installs them.");
        }
        System.setProperty("webdriver.chrome.driver", chromedriver);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900");
        // Keep the page's console messages (CSP violations among them) for consoleMessages().
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        driver = new ChromeDriver(ChromeDriverService.createDefaultService(), options);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The shadow root of the page's messenger element. */
    SearchContext messenger() {
        return driver.findElement(By.tagName("baton-messenger")).getShadowRoot();
    }

    /**
     * The messenger's composer once its panel is open. A new conversation opens on the help center, so the chat is
     * reached as a customer reaches it, with "Still need help? Ask us"; one under way opens on the chat.
     */
    WebElement chatComposer() {
        return waitFor(d -> {
            WebElement composer = messenger().findElement(By.cssSelector("textarea"));
            if (composer.isDisplayed()) {
                return composer;
            }
            WebElement ask = messenger().findElement(By.cssSelector(".help .ask"));
            if (ask.isDisplayed()) {
                ask.click();
            }
            return null;
        });
    }

    /** Logs in to the console at {@code baseUrl} as an agent, and waits until it shows their name. */
    void logInToConsole(String baseUrl, String email, String password, String name) {
        driver.get(baseUrl + "/console/index.html");
        waitFor(d -> d.findElement(By.id("login-email")).isDisplayed());
        driver.findElement(By.id("login-email")).sendKeys(email);
        driver.findElement(By.id("login-password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        waitFor(d -> d.findElement(By.id("me-name")).getText().equals(name));
    }

    /** Opens a conversation the logged-in agent holds, from "Mine"; returns the composer once it can be written in. */
    WebElement openMine(String conversationId) {
        driver.findElement(By.cssSelector("button[data-view='mine']")).click();
        waitFor(d -> d.findElement(By.cssSelector("a.conversation-item[data-id='" + conversationId + "']"))).click();
        return waitFor(d -> {
            WebElement textarea = d.findElement(By.id("reply-text"));
            return textarea.isEnabled() ? textarea : null;
        });
    }

    /** The page's console messages since the last call (errors, warnings, CSP violations). */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(RuntimeException.class).until(condition);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
