package dev.baton.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP GETs against the real server, for tests. */
final class HttpGet {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private HttpGet() {}

    static HttpResponse<String> get(int port, String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    static JsonNode json(int port, String path) {
        try {
            return new ObjectMapper().readTree(get(port, path).body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
