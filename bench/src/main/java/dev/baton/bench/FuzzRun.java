package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Fuzz of Baton's three doors, {@code /ws/chat}, {@code /ws/agent} and the REST API, with {@link BadFrames} and
 * {@link BadRequests}; then the checks: no 5xx, nothing accepted that should not be, the server alive and still
 * answering {@code /health} and a normal chat, and nothing it stored changed ({@link RedisDigest} before and after,
 * with a conversation, an admin and the knowledge base in it to be changed).
 */
final class FuzzRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static final Set<String> AGENT_FRAMES = Set.of("welcome", "resync", "event", "typing", "presence",
            "error");

    private final Target target;
    private final Endpoint server;
    private final long seed;
    private final Outcome outcome = new Outcome("fuzz of /ws/chat, /ws/agent and the REST API");
    private final Map<String, Integer> tried = new TreeMap<>();
    private final Map<String, Integer> answers = new TreeMap<>();
    private final List<String> findings = new ArrayList<>();
    private final Map<String, Double> seconds = new TreeMap<>();
    private String cookie;
    private String csrf;
    private Customer.Conversation victim;

    private FuzzRun(Target target, long seed) {
        this.target = target;
        this.server = target.first();
        this.seed = seed;
    }

    /**
     * @param inputs how many inputs in all: two fifths to the customer socket, one fifth to the console socket,
     *        two fifths to the REST API
     * @param alive whether the server (its process) still runs
     */
    static Outcome run(Target target, int inputs, long seed, BooleanSupplier alive) {
        return new FuzzRun(target, seed).fuzz(inputs, alive);
    }

    private Outcome fuzz(int inputs, BooleanSupplier alive) {
        setUp();
        RedisDigest before = quietDigest();
        int chat = inputs * 2 / 5;
        int agent = inputs / 5;
        timed("/ws/chat", () -> fuzzChat(chat));
        timed("/ws/agent", () -> fuzzAgent(agent));
        timed("REST", () -> fuzzRest(inputs - chat - agent));
        RedisDigest after = quietDigest();
        List<String> changes = after.changesSince(before);

        boolean running = alive.getAsBoolean();
        boolean healthy = running && status("GET", "/health") == 200;
        boolean chats = healthy && normalChat();
        outcome.put("seed", seed).put("inputs tried", tried.values().stream().mapToInt(Integer::intValue).sum())
                .put("seconds by door", seconds).put("inputs by kind", tried).put("answers", answers)
                .put("stored keys compared", before.keys()).put("keys changed", changes.size())
                .put("excluded from the comparison", RedisDigest.EXCLUDED)
                .put("excluded by ending", RedisDigest.EXCLUDED_ENDINGS)
                .put("server still running", running).put("/health afterwards", healthy)
                .put("a normal chat afterwards", chats);
        outcome.require(running, "the server process died");
        outcome.require(healthy, "/health does not answer 200 after the fuzz");
        outcome.require(chats, "a normal chat fails after the fuzz");
        outcome.require(changes.isEmpty(), "stored data changed: " + changes.stream().limit(20).toList());
        findings.stream().limit(50).forEach(finding -> outcome.require(false, finding));
        if (findings.size() > 50) {
            outcome.require(false, "... and " + (findings.size() - 50) + " more");
        }
        return outcome;
    }

    /** Something to be changed by mistake: a conversation with a question and its answer; and an admin session. */
    private void setUp() {
        Customer customer = new Customer(List.of(server), 0, Faults.none(), ANSWER);
        Customer.Sent question = customer.ask(target.questions().get(0));
        if (!customer.awaitAnswer(question)) {
            throw new IllegalStateException("the server does not answer before the fuzz");
        }
        customer.close();
        victim = customer.conversations().get(0);
        login();
    }

    private void login() {
        try {
            var body = JSON.createObjectNode().put("email", target.admin().email()).put("password",
                    target.admin().password());
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("admin login refused: " + response.statusCode() + " "
                        + response.body());
            }
            cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            csrf = JSON.readTree(response.body()).path("csrfToken").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The digest once the bot has finished every turn and the knowledge base's calibration (measured in the
     * background after a start) is stored: nothing is in flight that would change it later.
     */
    private RedisDigest quietDigest() {
        target.awaitBotIdle(Duration.ofSeconds(60));
        Waiting.until(Duration.ofMinutes(3), "the knowledge base's calibration",
                () -> !getJson("/api/kb/calibration").path("measuring").asBoolean(true));
        return RedisDigest.of(target.redis(), target.keys().namespace());
    }

    private void fuzzChat(int inputs) {
        BadFrames frames = new BadFrames(seed);
        JsonSocket probe = null;
        boolean started = false;
        int sent = 0;
        while (sent < inputs) {
            if (probe == null || !probe.usable()) {
                probe = connect(server.chat(), Map.of());
                started = frames.random().nextBoolean();
                if (started && !resumeVictim(probe)) {
                    return;
                }
            }
            if (frames.random().nextInt(50) == 0) {
                sent += flood(probe, frames, started, Math.min(inputs - sent, 50 + frames.random().nextInt(150)));
                continue;
            }
            sent++;
            BadFrames.Frame frame = frames.chat(started);
            count("chat: " + frame.kind());
            expectRefusal(probe, frame, "chat");
        }
        if (probe != null) {
            probe.close();
        }
    }

    /** Follows the victim conversation on {@code probe}, as its customer would (again after a "not now"). */
    private boolean resumeVictim(JsonSocket probe) {
        String hello = JSON.createObjectNode().put("type", "hello").put("visitorId", "fuzz")
                .put("conversationId", victim.id).put("resumeToken", victim.resumeToken).toString();
        for (int attempt = 0; attempt < 20; attempt++) {
            probe.send(hello);
            JsonNode welcome = probe.next(ANSWER);
            if (welcome != null && "welcome".equals(welcome.path("type").asText())) {
                return true;
            }
            if (welcome == null || !Set.of("rate_limited", "unavailable").contains(welcome.path("code").asText())) {
                findings.add("resuming the victim conversation failed: " + welcome);
                return false;
            }
            Waiting.pause(500);
        }
        findings.add("resuming the victim conversation was refused for 10 s");
        return false;
    }

    /** Many bad frames sent at once, then their answers: every one refused, the socket still open. */
    private int flood(JsonSocket probe, BadFrames frames, boolean started, int size) {
        List<BadFrames.Frame> burst = new ArrayList<>();
        while (burst.size() < size) {
            BadFrames.Frame frame = frames.chat(started);
            if (!frame.closes() && !frame.binary()) {
                burst.add(frame);
            }
        }
        burst.forEach(frame -> probe.send(frame.text()));
        count("chat: flood of bad frames", size);
        for (BadFrames.Frame frame : burst) {
            JsonNode answer = probe.next(ANSWER);
            if (answer == null || !"error".equals(answer.path("type").asText())) {
                findings.add("a flood of " + size + " bad frames: got " + answer + " for " + frame.kind());
                probe.close();
                return size;
            }
            answer("chat: error " + answer.path("code").asText());
        }
        return size;
    }

    private void expectRefusal(JsonSocket probe, BadFrames.Frame frame, String door) {
        if (frame.closes()) {
            probe.send(frame);
            JsonNode answer = probe.next(ANSWER);
            if (answer != JsonSocket.CLOSED) {
                findings.add(door + ": " + frame.kind() + " was answered " + answer + " instead of a close");
            }
            answer(door + ": closed " + probe.closeCode());
            return;
        }
        if (frame.binary()) {
            // No binary frame is part of the protocol: it is refused like any other bad frame. The marker after it
            // (an unknown type, named in its error) tells a refusal from silence without waiting for nothing.
            probe.send(frame);
            probe.send("{\"type\":\"after-binary\"}");
            JsonNode answer = probe.next(ANSWER);
            boolean silent = answer != null && answer.path("message").asText().contains("after-binary");
            answer(door + ": binary -> " + (answer == JsonSocket.CLOSED ? "closed " + probe.closeCode()
                    : answer == null || silent ? "silence" : "error " + answer.path("code").asText()));
            if (answer == null || silent) {
                findings.add(door + ": a binary frame gets no answer");
            } else if (answer != JsonSocket.CLOSED) {
                probe.next(ANSWER);
            }
            return;
        }
        probe.send(frame.text());
        JsonNode answer = probe.next(ANSWER);
        if (answer == null || answer == JsonSocket.CLOSED || !"error".equals(answer.path("type").asText())) {
            findings.add(door + ": " + frame.kind() + " got " + (answer == null ? "no answer" : answer) + " for "
                    + abbreviated(frame.text()));
            probe.close();
            return;
        }
        answer(door + ": error " + answer.path("code").asText());
    }

    private void fuzzAgent(int inputs) {
        BadFrames frames = new BadFrames(seed + 1);
        JsonSocket probe = null;
        for (int i = 0; i < inputs; i++) {
            if (probe == null || !probe.usable()) {
                probe = connect(server.agent(), Map.of("Cookie", cookie, "Origin", server.url()));
            }
            BadFrames.Frame frame = frames.agent();
            count("agent: " + frame.kind());
            if (frame.closes()) {
                probe.send(frame);
                JsonNode answer = untilClosed(probe);
                answer("agent: closed " + probe.closeCode());
                if (answer != JsonSocket.CLOSED) {
                    findings.add("agent: " + frame.kind() + " did not close the socket");
                }
                continue;
            }
            probe.send(frame);
            // A ping after the frame: its pong says the frame was read and the socket lives; what came back with it
            // must be frames of the console protocol.
            List<JsonNode> got = new ArrayList<>();
            boolean ponged = probe.ping(ANSWER);
            probe.drainTo(got);
            if (!ponged || got.contains(JsonSocket.CLOSED)) {
                findings.add("agent: no pong after " + frame.kind() + ": " + abbreviated(frame.text()));
                probe.close();
                continue;
            }
            if (frame.binary() && got.stream().noneMatch(answer -> "error".equals(answer.path("type").asText()))) {
                findings.add("agent: a binary frame gets no answer");
            }
            for (JsonNode answer : got) {
                String type = answer.path("type").asText();
                answer("agent: " + type + ("error".equals(type) ? " " + answer.path("code").asText() : ""));
                if (!AGENT_FRAMES.contains(type)) {
                    findings.add("agent: unexpected frame " + answer);
                }
            }
        }
        if (probe != null) {
            probe.close();
        }
    }

    private void fuzzRest(int inputs) {
        JsonNode openApi = getJson("/openapi.json");
        String adminId = getJson("/api/me").path("id").asText();
        BadRequests requests = new BadRequests(seed + 2, openApi, List.of(victim.id, adminId, "billing", "general"));
        for (int i = 0; i < inputs; i++) {
            BadRequests.Request request = requests.next();
            count("rest: " + request.kind());
            int status = send(request);
            answer("rest: " + (status < 0 ? "closed without an answer" : (status / 100) + "xx"));
            if (status >= 500) {
                findings.add("rest: " + status + " for " + request.operation() + " (" + request.kind() + ") "
                        + abbreviated(request.target()));
            } else if (status >= 200 && status < 300 && request.operation().writes()) {
                findings.add("rest: " + status + " accepted " + request.operation() + " (" + request.kind() + ") "
                        + abbreviated(request.target()) + " " + abbreviated(new String(request.body() == null
                        ? new byte[0] : request.body(), StandardCharsets.UTF_8)));
            }
        }
    }

    /** A GET with the admin's session, read as JSON. */
    private JsonNode getJson(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends the request byte for byte over a socket of its own; the status, or -1 when none came. */
    private int send(BadRequests.Request request) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        StringBuilder lines = new StringBuilder(request.method()).append(' ').append(request.target())
                .append(" HTTP/1.1\r\nHost: localhost:").append(server.port()).append("\r\nConnection: close\r\n");
        switch (request.auth()) {
            case FORGED_SESSION -> lines.append("Cookie: baton_session=").append(UUID.randomUUID()).append("\r\n");
            case NO_CSRF -> lines.append("Cookie: ").append(cookie).append("\r\n");
            case ADMIN -> lines.append("Cookie: ").append(cookie).append("\r\nX-CSRF-Token: ").append(csrf)
                    .append("\r\n");
            case NONE -> { }
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        lines.append("Content-Type: ").append(request.contentType()).append("\r\nContent-Length: ")
                .append(body.length).append("\r\n\r\n");
        head.writeBytes(lines.toString().getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", server.port()), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toByteArray());
                out.write(body);
                out.flush();
            } catch (IOException refusedMidway) {
                // A server may answer (413) and close before a huge body is through; its answer is read below.
            }
            InputStream in = socket.getInputStream();
            byte[] start = in.readNBytes(12);
            String statusLine = new String(start, StandardCharsets.ISO_8859_1);
            in.transferTo(OutputStream.nullOutputStream());
            return statusLine.startsWith("HTTP/1.1 ") ? Integer.parseInt(statusLine.substring(9, 12)) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private int status(String method, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).method(method,
                    HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private boolean normalChat() {
        Customer customer = new Customer(List.of(server), 0, Faults.none(), ANSWER);
        try {
            return customer.awaitAnswer(customer.ask(target.questions().get(1 % target.questions().size())));
        } catch (RuntimeException e) {
            return false;
        } finally {
            customer.close();
        }
    }

    private static JsonSocket connect(URI door, Map<String, String> headers) {
        JsonSocket socket = JsonSocket.open(door, headers);
        if (socket == null) {
            throw new IllegalStateException("could not connect to " + door);
        }
        return socket;
    }

    /** The frames until the close, skipped; {@link JsonSocket#CLOSED}, or null when the socket stayed open. */
    private static JsonNode untilClosed(JsonSocket socket) {
        long deadline = System.nanoTime() + ANSWER.toNanos();
        JsonNode frame;
        do {
            frame = socket.next(Duration.ofNanos(deadline - System.nanoTime()));
        } while (frame != null && frame != JsonSocket.CLOSED);
        return frame;
    }

    private void timed(String door, Runnable fuzz) {
        long started = System.nanoTime();
        fuzz.run();
        seconds.put(door, Math.round((System.nanoTime() - started) / 1e7) / 100.0);
    }

    private void count(String kind) {
        count(kind, 1);
    }

    private void count(String kind, int n) {
        tried.merge(kind, n, Integer::sum);
    }

    private void answer(String what) {
        answers.merge(what, 1, Integer::sum);
    }

    private static String abbreviated(String text) {
        return text == null ? "(bytes)" : text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
