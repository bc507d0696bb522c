package dev.baton.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * The agent REST API over real HTTP, as one browser would call it: the session cookie it got at login (kept by
 * hand, so each instance is its own browser) and the CSRF token sent with every change.
 */
final class ConsoleApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A status and a JSON body (null when there is none). */
    record Response(int status, JsonNode body, HttpResponse<String> raw) {
        String errorCode() {
            return body == null ? null : body.path("error").asText(null);
        }
    }

    private final int port;
    private final Map<String, String> headers = new HashMap<>();
    private String cookie;
    private String csrfToken;

    ConsoleApi(int port) {
        this.port = port;
    }

    /** Logs in as the given agent (failing the test when refused) and returns this. */
    static ConsoleApi loggedIn(int port, String email, String password) {
        ConsoleApi api = new ConsoleApi(port);
        Response login = api.login(email, password);
        if (login.status() != 200) {
            throw new AssertionError("login as " + email + " failed: " + login.status() + " " + login.body());
        }
        return api;
    }

    Response login(String email, String password) {
        Response response = send("POST", "/api/login", Map.of("email", email, "password", password), false);
        response.raw().headers().firstValue("Set-Cookie").ifPresent(set -> cookie = set.split(";", 2)[0]);
        if (response.status() == 200) {
            csrfToken = response.body().path("csrfToken").asText();
        }
        return response;
    }

    /** Sends {@code name: value} with every request from now on (as a proxy in front of Baton would add it). */
    ConsoleApi withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The {@code Cookie} header value of this browser's session. */
    String cookie() {
        return cookie;
    }

    Response get(String path) {
        return send("GET", path, null, false);
    }

    Response post(String path, Object body) {
        return send("POST", path, body, true);
    }

    Response put(String path, Object body) {
        return send("PUT", path, body, true);
    }

    /** Saves a team as an admin does in the console; {@code businessHours} null is around the clock. */
    Response putTeam(String id, String name, boolean autoAssign, Object businessHours, int replyMinutes) {
        Map<String, Object> team = new HashMap<>();
        team.put("name", name);
        team.put("autoAssign", autoAssign);
        team.put("businessHours", businessHours);
        team.put("replyMinutes", replyMinutes);
        return put("/api/teams/" + id, team);
    }

    Response delete(String path) {
        return send("DELETE", path, null, true);
    }

    /** Any request (a String body goes as it is); {@code withCsrf} false leaves the header out, as a forged cross-site request would. */
    /** A download as the browser makes it: the session cookie, and a body that is not JSON. */
    HttpResponse<String> download(String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    Response send(String method, String path, Object body, boolean withCsrf) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String raw ? raw
                                    : JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            headers.forEach(request::header);
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            if (withCsrf && csrfToken != null) {
                request.header("X-CSRF-Token", csrfToken);
            }
            HttpResponse<String> raw = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = raw.body().isEmpty() ? null : JSON.readTree(raw.body());
            return new Response(raw.statusCode(), json, raw);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }
}
