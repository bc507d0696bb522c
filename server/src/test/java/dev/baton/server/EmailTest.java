package dev.baton.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.baton.mail.MailSettings;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Email end to end (docs/email.md): two Baton nodes on one Redis send through a real SMTP server (GreenMail, on a
 * free port); customers talk over real sockets and agents through the console API; replies come back through the
 * signed inbound-mail endpoint as a provider would post them.
 */
class EmailTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String INBOUND_SECRET = "inbound-secret-for-tests-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern REPLY_TO = Pattern.compile("support\\+([0-9a-f]{48})@perkful\\.example");

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    private static TestApp baton;
    /** A second node on the same Redis, sending mail too: each email must still go once. */
    private static TestApp secondNode;
    private static Agent ana;
    private final List<JsonSocketClient> sockets = new ArrayList<>();

    @BeforeAll
    static void start() {
        var mail = new MailSettings("smtp://127.0.0.1:" + SMTP.getSmtp().getPort(),
                "Perkful Support <support@perkful.example>", null, Duration.ofSeconds(1), Duration.ofSeconds(1), null,
                INBOUND_SECRET, "https://shop.perkful.example/help");
        // Webhook receivers listen on the loopback, which webhooks reach only when private addresses are allowed.
        UnaryOperator<BatonConfig> localWebhooks = config -> config.withWebhooks(new BatonConfig.Webhooks(true, null));
        baton = new TestApp(FixtureArticles.all(), config -> localWebhooks.apply(config)
                .withAdmin("admin@test.example", PASSWORD), mail);
        secondNode = baton.anotherNode(localWebhooks, mail);
        // In no team of the handoffs' and never online, so routing assigns nothing: the claim is the assignment.
        ana = baton.addAgent("ana@test.example", "Ana Ortiz", AgentRole.AGENT, 5, PASSWORD, "general");
    }

    @AfterAll
    static void stop() {
        secondNode.close();
        baton.close();
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(JsonSocketClient::closeNow);
    }

    /** A customer who asked for a refund on {@code node}, left {@code email} in the messenger, and is still there. */
    private record Customer(ChatClient socket, String conversationId) {}

    private Customer customerWhoLeftAnEmail(TestApp node, String name, String email, String locale) {
        ChatClient socket = ChatClient.connect(node.port());
        sockets.add(socket);
        var hello = ChatClient.frame("hello").put("visitorId", "v-" + UUID.randomUUID()).put("locale", locale);
        hello.putObject("identity").put("name", name);
        socket.sendFrame(hello);
        String id = socket.next("welcome").path("conversationId").asText();
        socket.ask("m1", locale.startsWith("ja") ? "返金してください。二重に請求されました" : "I want a refund, I was charged twice");
        skipTo(socket, "handoff");
        socket.sendFrame(ChatClient.frame("contact").put("email", email));
        while (!skipTo(socket, "message").path("text").asText().contains(email)) {
            // the handoff's own system message first, then the one that says "we'll reply there too"
        }
        return new Customer(socket, id);
    }

    private static JsonNode skipTo(JsonSocketClient client, String type) {
        while (true) {
            JsonNode frame = client.nextFrame();
            if (type.equals(frame.path("type").asText())) {
                return frame;
            }
        }
    }

    private static ConsoleApi claimedByAna(String conversationId) {
        ConsoleApi api = ConsoleApi.loggedIn(baton.port(), ana.email(), PASSWORD);
        assertEquals(200, api.post("/api/conversations/" + conversationId + "/claim", Map.of()).status());
        return api;
    }

    private static void reply(ConsoleApi api, String conversationId, String text) {
        var sent = api.post("/api/conversations/" + conversationId + "/messages", Map.of("text", text));
        assertTrue(sent.status() / 100 == 2, sent::toString);
    }

    /** The emails GreenMail got for {@code address}, waiting up to {@code millis} for {@code count} of them. */
    private static List<MimeMessage> mailTo(String address, int count, long millis) throws Exception {
        long until = System.currentTimeMillis() + millis;
        List<MimeMessage> found;
        do {
            found = new ArrayList<>();
            for (MimeMessage message : SMTP.getReceivedMessages()) {
                for (var recipient : message.getRecipients(Message.RecipientType.TO)) {
                    if (address.equalsIgnoreCase(((InternetAddress) recipient).getAddress())) {
                        found.add(message);
                    }
                }
            }
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < until);
        return found;
    }

    /** The conversation's transcript as the console shows it, waiting up to 10 s for an entry that matches. */
    private static JsonNode transcriptWith(ConsoleApi api, String conversationId, Predicate<JsonNode> wanted)
            throws InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        JsonNode transcript;
        do {
            transcript = api.get("/api/conversations/" + conversationId).body().path("transcript");
            for (JsonNode entry : transcript) {
                if (wanted.test(entry)) {
                    return transcript;
                }
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < until);
        throw new AssertionError("no such entry in " + transcript);
    }

    /** The email's plain text, decoded as a mail client shows it. */
    private static String text(MimeMessage message) throws Exception {
        return textOf(message.getContent()).replace("\r\n", "\n");
    }

    private static String textOf(Object content) throws Exception {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String text = part.isMimeType("text/plain") ? (String) part.getContent() : textOf(part.getContent());
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    private static String replyToken(MimeMessage message) throws Exception {
        String replyTo = ((InternetAddress) message.getReplyTo()[0]).getAddress();
        Matcher matcher = REPLY_TO.matcher(replyTo);
        assertTrue(matcher.matches(), "a tokened reply-to address: " + replyTo);
        return matcher.group(1);
    }

    private static String hmacHex(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Posts a generic JSON inbound email, signed as docs/email.md says (by this test's own HMAC). */
    private static HttpResponse<String> postInbound(TestApp node, Map<String, Object> email, String secret)
            throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(email);
        long t = System.currentTimeMillis() / 1000;
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + "/mail/inbound"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-Baton-Signature", "t=" + t + ",v1=" + hmacHex(secret, t + "." + body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_offline_customer_gets_the_agents_replies_in_one_email_from_the_agent_and_answers_by_email()
            throws Exception {
        Customer maria = customerWhoLeftAnEmail(secondNode, "Maria Lopez", "maria@example.com", "en-US");
        ConsoleApi api = claimedByAna(maria.conversationId());
        maria.socket().closeNow(); // she closed the tab
        reply(api, maria.conversationId(), "Hi Maria, I can see the double charge on invoice 4411.");
        assertEquals(2, api.post("/api/conversations/" + maria.conversationId() + "/notes",
                Map.of("text", "VIP: refund without asking finance")).status() / 100);
        reply(api, maria.conversationId(), "I've refunded it; it shows on your card in 3 to 5 days.");

        List<MimeMessage> mail = mailTo("maria@example.com", 1, 15_000);
        assertEquals(1, mail.size(), "one email for both replies");
        MimeMessage email = mail.get(0);
        InternetAddress from = (InternetAddress) email.getFrom()[0];
        assertEquals("Ana Ortiz via Billing", from.getPersonal());
        assertEquals("support@perkful.example", from.getAddress());
        String body = text(email);
        assertTrue(body.startsWith("Hi Maria,"), body);
        assertTrue(body.contains("double charge on invoice 4411") && body.contains("I've refunded it"), body);
        assertTrue(body.indexOf("double charge") < body.indexOf("I've refunded"), "replies in order: " + body);
        assertFalse(body.contains("VIP") || body.contains("finance"), "a private note is never mailed: " + body);
        assertTrue(body.contains("I want a refund, I was charged twice"), "the earlier transcript: " + body);
        assertTrue(body.contains("https://shop.perkful.example/help"), "the link back: " + body);
        assertEquals("Ana Ortiz replied to your conversation", email.getSubject());
        String token = replyToken(email);
        transcriptWith(api, maria.conversationId(), entry -> "mail.sent".equals(entry.path("type").asText())
                && entry.path("text").asText().contains("maria@example.com (2 replies)"));

        // She answers from her inbox, above the quoted email; it reaches the other node.
        var answered = postInbound(baton, Map.of("from", "Maria Lopez <maria@example.com>",
                "to", List.of("support+" + token + "@perkful.example"), "subject", "Re: " + email.getSubject(),
                "messageId", "<reply-1@mail.example.com>",
                "text", "Thank you, that was quick!\n\nMaria\n-- \nMaria Lopez, Lopez Designs\n\n"
                        + "On Tue, Dec 2, 2026 at 10:00 AM Ana Ortiz via Billing <support+" + token
                        + "@perkful.example> wrote:\n> Hi Maria, I can see the double charge\n"), INBOUND_SECRET);
        assertEquals(200, answered.statusCode(), answered.body());
        JsonNode transcript = transcriptWith(api, maria.conversationId(),
                entry -> "customer".equals(entry.path("author").path("role").asText())
                        && entry.path("text").asText().startsWith("Thank you"));
        JsonNode reply = null;
        for (JsonNode entry : transcript) {
            if (entry.path("text").asText().startsWith("Thank you")) {
                reply = entry;
            }
        }
        assertNotNull(reply);
        assertEquals("Thank you, that was quick!\n\nMaria", reply.path("text").asText(),
                "the signature and the quoted history are stripped");
        transcriptWith(api, maria.conversationId(), entry -> "mail.received".equals(entry.path("type").asText())
                && entry.path("text").asText().contains("maria@example.com"));

        // The provider delivers the same email again: stored once.
        var again = postInbound(secondNode, Map.of("from", "maria@example.com",
                "to", "support+" + token + "@perkful.example", "subject", "Re: …",
                "messageId", "<reply-1@mail.example.com>", "text", "Thank you, that was quick!"), INBOUND_SECRET);
        assertEquals(200, again.statusCode(), again.body());
        long copies = 0;
        for (JsonNode entry : api.get("/api/conversations/" + maria.conversationId()).body().path("transcript")) {
            copies += entry.path("text").asText().startsWith("Thank you") ? 1 : 0;
        }
        assertEquals(1, copies);
    }

    @Test
    void a_forged_or_unsigned_reply_is_refused_and_adds_nothing() throws Exception {
        Customer kim = customerWhoLeftAnEmail(baton, "Kim Lee", "kim@example.com", "en");
        ConsoleApi api = claimedByAna(kim.conversationId());
        kim.socket().closeNow();
        reply(api, kim.conversationId(), "Hello Kim, the refund is on its way.");
        String token = replyToken(mailTo("kim@example.com", 1, 15_000).get(0));
        // The same conversation with one hex digit of the signature changed.
        char last = token.charAt(token.length() - 1);
        String forged = token.substring(0, token.length() - 1) + (last == '0' ? '1' : '0');
        var refused = postInbound(baton, Map.of("from", "kim@example.com",
                "to", "support+" + forged + "@perkful.example", "subject", "Re", "text", "Send it to my other card"),
                INBOUND_SECRET);
        assertEquals(403, refused.statusCode());
        assertEquals("forged_token", JSON.readTree(refused.body()).path("error").asText());

        var unsigned = postInbound(baton, Map.of("from", "kim@example.com",
                "to", "support+" + token + "@perkful.example", "subject", "Re", "text", "Send it to my other card"),
                null);
        assertEquals(401, unsigned.statusCode());
        var wrongSecret = postInbound(baton, Map.of("from", "kim@example.com",
                "to", "support+" + token + "@perkful.example", "subject", "Re", "text", "Send it to my other card"),
                "not-the-inbound-secret-at-all-000");
        assertEquals(401, wrongSecret.statusCode());
        var noToken = postInbound(baton, Map.of("from", "kim@example.com", "to", "support@perkful.example",
                "subject", "Hello", "text", "Send it to my other card"), INBOUND_SECRET);
        assertEquals(422, noToken.statusCode());
        assertEquals("no_reply_token", JSON.readTree(noToken.body()).path("error").asText());

        for (JsonNode entry : api.get("/api/conversations/" + kim.conversationId()).body().path("transcript")) {
            assertFalse(entry.path("text").asText().contains("other card"), "nothing was added: " + entry);
        }
    }

    @Test
    void a_mailgun_style_form_reply_lists_its_attachments_and_its_signature_is_taken_once() throws Exception {
        Customer sam = customerWhoLeftAnEmail(baton, "Sam Park", "sam.park@example.com", "en");
        ConsoleApi api = claimedByAna(sam.conversationId());
        sam.socket().closeNow();
        reply(api, sam.conversationId(), "Could you send me the receipt?");
        String token = replyToken(mailTo("sam.park@example.com", 1, 15_000).get(0));

        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String mailgunToken = UUID.randomUUID().toString();
        Map<String, String> signature = Map.of("timestamp", timestamp, "token", mailgunToken,
                "signature", hmacHex(INBOUND_SECRET, timestamp + mailgunToken));
        var posted = postMailgunForm(baton, token, "Here it is.\n\nSent from my iPhone\n", "<mg-1@mail.example.com>",
                signature);
        assertEquals(200, posted.statusCode(), posted.body());
        transcriptWith(api, sam.conversationId(), entry -> "Here it is.".equals(entry.path("text").asText()));
        transcriptWith(api, sam.conversationId(), entry -> "mail.received".equals(entry.path("type").asText())
                && entry.path("text").asText().contains("receipt.pdf (application/pdf, 19 bytes)"));

        // Mailgun signs the time and the token, not the body: the same signature again, on the other node, other words.
        var replayed = postMailgunForm(secondNode, token, "Please send the refund to my new card.",
                "<mg-2@mail.example.com>", signature);
        assertEquals(401, replayed.statusCode(), replayed.body());
        for (JsonNode entry : api.get("/api/conversations/" + sam.conversationId()).body().path("transcript")) {
            assertFalse(entry.path("text").asText().contains("new card"), "nothing was added: " + entry);
        }
    }

    /** Posts an email as a Mailgun route does, multipart with one attachment, with the signature fields given. */
    private static HttpResponse<String> postMailgunForm(TestApp node, String replyToken, String text,
            String messageId, Map<String, String> signature) throws IOException, InterruptedException {
        String boundary = "----baton" + UUID.randomUUID();
        StringBuilder form = new StringBuilder();
        Map<String, String> fields = new LinkedHashMap<>(Map.of("sender", "sam.park@example.com",
                "recipient", "support+" + replyToken + "@perkful.example", "subject", "Re: receipt",
                "body-plain", text, "Message-Id", messageId));
        fields.putAll(signature);
        fields.forEach((name, value) -> form.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        form.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"attachment-1\"; filename=\"receipt.pdf\"\r\n")
                .append("Content-Type: application/pdf\r\n\r\n").append("%PDF-1.4 not really").append("\r\n")
                .append("--").append(boundary).append("--\r\n");
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + "/mail/inbound"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void two_nodes_send_one_email_and_a_customer_who_read_the_reply_in_the_messenger_gets_none() throws Exception {
        // Yuki reads in the messenger on the second node while Ana answers on the first, then leaves: no email.
        Customer yuki = customerWhoLeftAnEmail(secondNode, "Yuki Sato", "yuki@example.jp", "ja-JP");
        ConsoleApi api = claimedByAna(yuki.conversationId());
        reply(api, yuki.conversationId(), "ご連絡ありがとうございます。返金手続きを進めます。");
        JsonNode seen = skipTo(yuki.socket(), "message");
        while (!"agent".equals(seen.path("author").path("role").asText())) {
            seen = skipTo(yuki.socket(), "message");
        }
        String readSeq = seen.path("seq").asText();
        yuki.socket().sendFrame(ChatClient.frame("read").put("seq", readSeq));
        await().atMost(Duration.ofSeconds(10)).until(() -> readSeq.equals(api.get("/api/conversations/"
                + yuki.conversationId()).body().path("summary").path("customerReadSeq").asText()));
        // Away now (the offline window is a second): only what she read keeps the email back.
        yuki.socket().closeNow();
        assertEquals(List.of(), mailTo("yuki@example.jp", 1, 4_000), "she read it in the messenger");

        // The next reply reaches her once, though both nodes send mail.
        reply(api, yuki.conversationId(), "返金が完了しました。");
        List<MimeMessage> mail = mailTo("yuki@example.jp", 1, 15_000);
        assertEquals(1, mail.size());
        Thread.sleep(3_000); // both nodes had their chance to send it again
        mail = mailTo("yuki@example.jp", 2, 0);
        assertEquals(1, mail.size(), "one email across the two nodes");
        String body = text(mail.get(0));
        assertTrue(body.startsWith("Yuki様"), "in Japanese: " + body);
        assertTrue(body.contains("返金が完了しました。"), body);
        assertFalse(body.contains("返金手続きを進めます") && body.indexOf("返金手続きを進めます") < body.indexOf("返金が完了"),
                "the reply she read is not mailed as new: " + body);
        assertEquals("Ana Ortizさんからお返事が届いています", mail.get(0).getSubject());
    }

    @Test
    void a_bounce_is_shown_in_the_transcript_and_both_delivery_states_reach_webhooks_once() throws Exception {
        BlockingQueue<JsonNode> hooks = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            hooks.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        ConsoleApi admin = ConsoleApi.loggedIn(baton.port(), "admin@test.example", PASSWORD);
        var webhook = admin.post("/api/webhooks", Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hooks", "events", List.of("mail.sent", "mail.bounced")));
        assertEquals(201, webhook.status(), webhook.body()::toString);
        try {
            bounceShown(hooks);
        } finally {
            admin.delete("/api/webhooks/" + webhook.body().path("id").asText());
            receiver.stop(0);
        }
    }

    private void bounceShown(BlockingQueue<JsonNode> hooks) throws Exception {
        Customer lee = customerWhoLeftAnEmail(baton, "Lee Chan", "lee@nowhere.example", "en");
        ConsoleApi api = claimedByAna(lee.conversationId());
        lee.socket().closeNow();
        reply(api, lee.conversationId(), "Your refund is done.");
        MimeMessage sent = mailTo("lee@nowhere.example", 1, 15_000).get(0);
        String token = replyToken(sent);
        String mailId = sent.getHeader("X-Baton-Mail-Id")[0];
        // The customer's server bounces it to the envelope sender, the tokened address.
        assertTrue(Arrays.stream(sent.getHeader("Return-Path") == null ? new String[0] : sent.getHeader("Return-Path"))
                .allMatch(path -> path.contains(token)), "bounces come back to the tokened address");
        var bounce = postInbound(baton, Map.of("from", "MAILER-DAEMON@mx.nowhere.example",
                "to", "support+" + token + "@perkful.example", "subject", "Undelivered Mail Returned to Sender",
                "text", "This is the mail system at host mx.nowhere.example.\n\n<lee@nowhere.example>: host said: "
                        + "550 5.1.1 <lee@nowhere.example>: Recipient address rejected: User unknown\n\n"
                        + "Final-Recipient: rfc822; lee@nowhere.example\nAction: failed\nStatus: 5.1.1\n\n"
                        + "X-Baton-Mail-Id: " + mailId + "\nSubject: Ana Ortiz replied to your conversation\n"),
                INBOUND_SECRET);
        assertEquals(200, bounce.statusCode(), bounce.body());
        JsonNode transcript = transcriptWith(api, lee.conversationId(),
                entry -> "mail.bounced".equals(entry.path("type").asText()));
        for (JsonNode entry : transcript) {
            if ("mail.bounced".equals(entry.path("type").asText())) {
                assertTrue(entry.path("text").asText().contains("lee@nowhere.example"), entry::toString);
                assertTrue(entry.path("text").asText().contains("5.1.1"), entry::toString);
            }
            assertFalse("customer".equals(entry.path("author").path("role").asText())
                    && entry.path("text").asText().contains("mail system"), "a bounce is no customer message");
        }

        transcriptWith(api, lee.conversationId(), entry -> "mail.sent".equals(entry.path("type").asText()));
        JsonNode sentHook = hooks.poll(10, TimeUnit.SECONDS);
        JsonNode bouncedHook = hooks.poll(10, TimeUnit.SECONDS);
        assertNotNull(bouncedHook, "both delivery states reach the webhook, not only " + sentHook);
        if ("mail.bounced".equals(sentHook.path("event").asText())) {
            JsonNode first = sentHook;
            sentHook = bouncedHook;
            bouncedHook = first;
        }
        assertEquals("mail.sent", sentHook.path("event").asText());
        assertEquals(mailId, sentHook.path("data").path("mail").path("id").asText());
        assertEquals("lee@nowhere.example", sentHook.path("data").path("mail").path("to").asText());
        assertEquals(1, sentHook.path("data").path("mail").path("seqs").size());
        assertEquals("mail.bounced", bouncedHook.path("event").asText());
        assertEquals(mailId, bouncedHook.path("data").path("mail").path("id").asText());
        assertTrue(bouncedHook.path("data").path("mail").path("reason").asText().contains("5.1.1"));
        assertEquals(null, hooks.poll(1500, TimeUnit.MILLISECONDS), "each once, though two nodes deliver");
    }

    @Test
    void a_resolved_conversation_asks_for_a_rating_by_email_and_a_link_records_only_the_rating_until_resolved_again()
            throws Exception {
        Customer ren = customerWhoLeftAnEmail(baton, "Ren Ito", "ren@example.com", "en");
        ConsoleApi api = claimedByAna(ren.conversationId());
        ren.socket().closeNow();
        assertEquals(200, api.post("/api/conversations/" + ren.conversationId() + "/resolve", Map.of()).status());
        MimeMessage request = mailTo("ren@example.com", 1, 15_000).get(0);
        assertEquals("How did we do?", request.getSubject());
        Matcher link = Pattern.compile("4 — Good: (http\\S+/mail/rate/\\S+)").matcher(text(request));
        assertTrue(link.find(), text(request));
        String url = link.group(1).replace(baton.url(), "http://localhost:" + baton.port());

        // Opening the link (a mail scanner does) records nothing.
        var page = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form method=\"post\">"), page.body());
        JsonNode unrated = api.get("/api/conversations/" + ren.conversationId()).body().path("summary");
        assertTrue(unrated.path("owner").asText().equals("resolved") && unrated.path("csat").asInt(0) == 0,
                "no rating from a GET: " + unrated);
        for (int i = 0; i < 2; i++) {
            var recorded = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, recorded.statusCode(), recorded.body());
        }
        JsonNode conversation = api.get("/api/conversations/" + ren.conversationId()).body();
        assertEquals(4, conversation.path("summary").path("csat").asInt());
        assertEquals("resolved", conversation.path("summary").path("owner").asText(), "nothing else changed");
        long ratings = 0;
        for (JsonNode entry : conversation.path("transcript")) {
            ratings += "csat.submitted".equals(entry.path("type").asText()) ? 1 : 0;
        }
        assertEquals(1, ratings, "the same rating twice is recorded once");

        String forged = url.substring(0, url.length() - 1) + (url.endsWith("0") ? "1" : "0");
        var refused = HTTP.send(HttpRequest.newBuilder(URI.create(forged)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode());

        // Ren answers the email (the conversation reopens) and Ana resolves it again: that email's links expired.
        var answered = postInbound(baton, Map.of("from", "ren@example.com",
                "to", "support+" + replyToken(request) + "@perkful.example", "subject", "Re: How did we do?",
                "messageId", "<ren-1@mail.example.com>", "text", "One more question about the invoice."),
                INBOUND_SECRET);
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals(200, api.post("/api/conversations/" + ren.conversationId() + "/resolve", Map.of()).status());
        Matcher poor = Pattern.compile("2 — Poor: (http\\S+/mail/rate/\\S+)").matcher(text(request));
        assertTrue(poor.find(), text(request));
        String earlier = poor.group(1).replace(baton.url(), "http://localhost:" + baton.port());
        for (var method : List.of(HttpRequest.newBuilder(URI.create(earlier)).GET().build(),
                HttpRequest.newBuilder(URI.create(earlier)).POST(HttpRequest.BodyPublishers.noBody()).build())) {
            var expired = HTTP.send(method, HttpResponse.BodyHandlers.ofString());
            assertEquals(410, expired.statusCode(), expired.body());
            assertTrue(expired.body().contains("expired"), expired.body());
        }
        JsonNode after = api.get("/api/conversations/" + ren.conversationId()).body();
        assertEquals(0, after.path("summary").path("csat").asInt(0), "the reopen cleared the rating: " + after);
        long ratingsNow = 0;
        for (JsonNode entry : after.path("transcript")) {
            ratingsNow += "csat.submitted".equals(entry.path("type").asText()) ? 1 : 0;
        }
        assertEquals(1, ratingsNow, "nothing recorded from an expired link");
    }
}
