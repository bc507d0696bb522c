package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Predicate;

/** An agent signed in to Baton as the console is: the session cookie and CSRF token, its REST calls and live socket. */
final class Console implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Endpoint server;
    private final String cookie;
    private final String csrf;
    private final JsonSocket socket;

    private Console(Endpoint server, String cookie, String csrf, JsonSocket socket) {
        this.server = server;
        this.cookie = cookie;
        this.csrf = csrf;
        this.socket = socket;
    }

    /** Logs in and opens the console's socket, said hello to (live from now). */
    static Console signIn(Endpoint server, Target.Login login) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(server.url() + "/api/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode().put("email", login.email()).put("password", login.password())
                                .toString())));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login refused: " + response.statusCode() + " " + response.body());
        }
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String csrf = read(response.body()).path("csrfToken").asText();
        JsonSocket socket = JsonSocket.open(server.agent(), Map.of("Cookie", cookie, "Origin", server.url()));
        if (socket == null) {
            throw new IllegalStateException("the console socket was refused");
        }
        socket.send(JSON.createObjectNode().put("type", "hello").toString());
        Console console = new Console(server, cookie, csrf, socket);
        console.await(frame -> "welcome".equals(frame.path("type").asText()), Duration.ofSeconds(10));
        return console;
    }

    /** {@code POST} to the console API; the response's status and body. */
    HttpResponse<String> post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(server.url() + path))
                    .header("Content-Type", "application/json").header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame of the console's socket that {@code wanted} accepts; fails when none comes in time. */
    JsonNode await(Predicate<JsonNode> wanted, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        Deque<JsonNode> passed = new ArrayDeque<>();
        while (true) {
            JsonNode frame = socket.next(Duration.ofNanos(deadline - System.nanoTime()));
            if (frame == null || frame == JsonSocket.CLOSED) {
                throw new IllegalStateException("the console saw nothing wanted within " + limit + "; last frames: "
                        + passed);
            }
            passed.addLast(frame);
            if (passed.size() > 3) {
                passed.removeFirst();
            }
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
