package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The admins' Webhooks panel in real Chromium: add a webhook, see its secret, send a test, read the log. */
class WebhooksBrowserTest {
    private static final String PASSWORD = "a-long-test-password";
    private static TestApp baton;
    private static Browser console;
    private static HttpServer receiver;
    private static final AtomicInteger received = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        // The receiver listens on the loopback, which webhooks may reach only when private addresses are allowed.
        baton = new TestApp(FixtureArticles.all(), config -> config.withWebhooks(new BatonConfig.Webhooks(true, null)));
        baton.addAgent("admin@perkful.example", "Ops Admin", AgentRole.ADMIN, 5, PASSWORD);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        console = new Browser();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
        receiver.stop(0);
        baton.close();
    }

    @Test
    void an_admin_adds_a_webhook_sends_a_test_and_sees_it_delivered() {
        console.driver.get(baton.url() + "/console/index.html");
        console.waitFor(d -> d.findElement(By.id("login-email")).isDisplayed());
        console.driver.findElement(By.id("login-email")).sendKeys("admin@perkful.example");
        console.driver.findElement(By.id("login-password")).sendKeys(PASSWORD);
        console.driver.findElement(By.id("login-submit")).click();
        console.waitFor(d -> d.findElement(By.id("webhooks-open")).isDisplayed());

        console.driver.findElement(By.id("webhooks-open")).click();
        console.waitFor(d -> d.findElement(By.id("webhooks-list")).getText().contains("No webhooks yet."));
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        console.driver.findElement(By.id("webhooks-url")).sendKeys(url);
        console.driver.findElement(By.cssSelector("#webhooks-form button[type='submit']")).click();
        console.waitFor(d -> d.findElement(By.cssSelector(".webhook .webhook-url")).getText().equals(url));
        assertTrue(console.driver.findElement(By.cssSelector(".webhook code")).getText().startsWith("whsec_"));

        console.driver.findElement(By.xpath("//li[@class='webhook']//button[text()='Send test']")).click();
        console.waitFor(d -> d.findElement(By.cssSelector(".webhook-log .webhook-attempt.delivered")).getText()
                .contains("ping"));
        assertEquals(1, received.get());
    }
}
