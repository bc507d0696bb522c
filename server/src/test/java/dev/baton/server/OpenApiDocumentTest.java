package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testing.FixtureArticles;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi.json}: public, valid OpenAPI 3.1, and in step with the routes the server really registers (read
 * from Javalin's router, so a new, renamed or removed {@code /api} route fails here until the document follows).
 */
class OpenApiDocumentTest {
    private static final Set<HandlerType> HTTP_METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);
    private static TestApp baton;
    private static JsonNode document;

    @BeforeAll
    static void start() throws IOException {
        baton = new TestApp(FixtureArticles.all());
        document = new ObjectMapper().readTree(HttpGet.get(baton.port(), "/openapi.json").body());
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    @Test
    void is_served_without_a_session_as_openapi_3_1_json() {
        var response = HttpGet.get(baton.port(), "/openapi.json");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(document.path("openapi").asText().startsWith("3.1"), document.path("openapi").asText());
        assertTrue(document.path("info").path("description").asText().contains("/ws/agent"));
        assertEquals(401, HttpGet.get(baton.port(), "/api/me").statusCode(), "the API itself still needs a session");
    }

    @Test
    void describes_every_api_route_the_server_registers_and_no_other() {
        Set<String> registered = new TreeSet<>();
        for (var parsed : baton.javalin().unsafe.internalRouter.allHttpHandlers()) {
            var endpoint = parsed.endpoint;
            if (HTTP_METHODS.contains(endpoint.method)
                    && (endpoint.path.startsWith("/api/") || endpoint.path.equals("/health")
                            || endpoint.path.equals("/openapi.json"))) {
                registered.add(endpoint.method.name() + " " + endpoint.path);
            }
        }
        assertTrue(registered.contains("GET /api/me") && registered.contains("POST /api/webhooks/{id}/test")
                && registered.size() > 40, "the routes were read from Javalin: " + registered);

        Set<String> described = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));

        Set<String> missing = new TreeSet<>(registered);
        missing.removeAll(described);
        Set<String> stale = new TreeSet<>(described);
        stale.removeAll(registered);
        assertEquals(Set.of(), missing, "routes missing from openapi.json");
        assertEquals(Set.of(), stale, "operations in openapi.json that the server does not have");
    }

    @Test
    void every_reference_resolves_and_every_operation_is_tagged_and_answers() {
        List<String> problems = new ArrayList<>();
        checkRefs(document, problems);
        Set<String> tags = new TreeSet<>();
        document.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            op.getValue().path("tags").forEach(tag -> {
                if (!tags.contains(tag.asText())) {
                    problems.add(name + ": undeclared tag " + tag.asText());
                }
            });
            boolean answers = false;
            for (var codes = op.getValue().path("responses").fieldNames(); codes.hasNext(); ) {
                answers |= codes.next().startsWith("2");
            }
            if (!answers || op.getValue().path("summary").asText().isBlank()) {
                problems.add(name + ": needs a summary and a 2xx response");
            }
        }));
        assertEquals(List.of(), problems);
    }

    private static void checkRefs(JsonNode node, List<String> problems) {
        if (node.isObject() && node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/") || document.at(ref.substring(1)).isMissingNode()) {
                problems.add("unresolved $ref " + ref);
            }
        }
        node.forEach(child -> checkRefs(child, problems));
    }
}
