package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Hostile requests for the REST API, from a seeded random, for every operation its own OpenAPI document describes
 * (so a new endpoint is fuzzed without anyone listing it): no session, a forged one, a change without the CSRF
 * token, or an admin's session with a body that breaks the operation's schema (not JSON, cut off, the wrong top
 * level, a field of the wrong shape, a required field missing, empty, huge, nested too deep, invalid UTF-8), odd
 * path ids and query values. Ids of things that exist are used only with a body no schema accepts, so no request
 * of a writing operation may succeed.
 */
final class BadRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ends the fuzzer's own session whatever it is sent; its refusals are tested in ConsoleApiTest. */
    private static final Set<String> LEFT_OUT = Set.of("POST /api/logout");
    /** POSTs that only compute an answer (a trial, a preview); everything else but GET writes. */
    private static final Set<String> READING_POSTS = Set.of("POST /api/kb/try", "POST /api/kb/impact",
            "POST /api/kb/preview", "POST /api/login");

    enum Auth { NONE, FORGED_SESSION, NO_CSRF, ADMIN }

    /** One operation of the API as the OpenAPI document describes it. */
    record Operation(String method, String path, JsonNode body, List<String> query) {
        boolean writes() {
            return !method.equals("GET") && !READING_POSTS.contains(method + " " + path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A request to send: {@code target} is the raw request target (path and query), sent byte for byte. */
    record Request(String kind, Operation operation, String method, String target, Auth auth, String contentType,
            byte[] body) {}

    private final Random random;
    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final List<String> realIds;

    /** @param realIds ids of things that exist (a conversation, an agent, a team...), used only with broken bodies */
    BadRequests(long seed, JsonNode openApi, List<String> realIds) {
        this.random = new Random(seed);
        this.document = openApi;
        this.realIds = List.copyOf(realIds);
        openApi.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String method = op.getKey().toUpperCase(Locale.ROOT);
            if (!LEFT_OUT.contains(method + " " + path.getKey()) && !op.getKey().equals("parameters")) {
                List<String> query = new ArrayList<>();
                op.getValue().path("parameters").forEach(p -> {
                    if ("query".equals(p.path("in").asText())) {
                        query.add(p.path("name").asText());
                    }
                });
                JsonNode body = op.getValue().path("requestBody").path("content").path("application/json")
                        .path("schema");
                operations.add(new Operation(method, path.getKey(), body.isMissingNode() ? null : body, query));
            }
        }));
    }

    Request next() {
        Operation operation = operations.get(random.nextInt(operations.size()));
        int pick = random.nextInt(100);
        Auth auth = pick < 10 ? Auth.NONE : pick < 18 ? Auth.FORGED_SESSION
                : pick < 26 && !operation.method().equals("GET") ? Auth.NO_CSRF : Auth.ADMIN;
        String kind;
        byte[] body = null;
        if (operation.body() != null || random.nextInt(4) == 0) {
            var broken = brokenBody(operation);
            kind = broken.kind();
            body = broken.bytes();
        } else {
            kind = auth == Auth.ADMIN ? "odd path or query" : "no body";
        }
        if (auth != Auth.ADMIN) {
            kind = auth.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        // A thing that exists only where the body is broken (every operation with a body); elsewhere, ids nothing
        // has, so that an operation without a body (claim, resolve, delete...) finds nothing to act on.
        boolean realId = operation.body() != null && random.nextBoolean() && !realIds.isEmpty();
        String target = path(operation, realId) + query(operation);
        String contentType = random.nextInt(10) == 0 ? List.of("text/plain", "application/xml", "multipart/form-data",
                "application/json; charset=latin1", "").get(random.nextInt(5)) : "application/json";
        return new Request(kind, operation, operation.method(), target, auth, contentType, body);
    }

    private record Body(String kind, byte[] bytes) {}

    private Body brokenBody(Operation operation) {
        JsonNode template = operation.body() == null ? JSON.createObjectNode().put("x", "x")
                : template(operation.body(), 0);
        String text = template.toString();
        return switch (random.nextInt(10)) {
            case 0 -> new Body("body not json", utf8(List.of("{", "}{", "{\"a\":", "nul", "<xml/>", "'x'",
                    "{\"a\" 1}").get(random.nextInt(7))));
            case 1 -> new Body("body cut off", utf8(text.substring(0, random.nextInt(Math.max(1, text.length())))));
            case 2 -> new Body("body of the wrong top level", utf8(template.isArray() ? "{\"x\": 1}"
                    : List.of("[]", "[" + text + "]", "42", "\"text\"", "true").get(random.nextInt(5))));
            case 3, 4 -> {
                JsonNode broken = template.deepCopy();
                yield new Body(reshapeOneField(broken) ? "a field of the wrong shape" : "body of the wrong top level",
                        utf8(broken.isObject() ? broken.toString() : "[[[" + broken + "]]]"));
            }
            case 5 -> {
                JsonNode broken = template.deepCopy();
                boolean dropped = dropRequired(broken, operation.body());
                yield dropped ? new Body("a required field missing", utf8(broken.toString()))
                        : new Body("body empty", new byte[0]);
            }
            case 6 -> new Body("body empty", new byte[0]);
            case 7 -> new Body("body huge", utf8("{\"x\": \"" + "x".repeat(1_000_000 + random.nextInt(100_000))
                    + "\"}"));
            case 8 -> new Body("body nested too deep", utf8("[".repeat(2_000 + random.nextInt(20_000))));
            default -> {
                byte[] cut = utf8(text.substring(0, text.length() / 2));
                byte[] bytes = new byte[cut.length + 2];
                System.arraycopy(cut, 0, bytes, 0, cut.length);
                bytes[cut.length] = (byte) 0xC3;
                bytes[cut.length + 1] = (byte) 0x28;
                yield new Body("body invalid UTF-8", bytes);
            }
        };
    }

    /** Replaces one top-level field's value by one of the wrong shape; false when the body has no field. */
    private boolean reshapeOneField(JsonNode body) {
        ObjectNode object = body.isObject() ? (ObjectNode) body
                : body.isArray() && body.size() > 0 && body.get(0).isObject() ? (ObjectNode) body.get(0) : null;
        if (object == null || object.isEmpty()) {
            return false;
        }
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        JsonNode value = object.get(name);
        // Jackson turns numbers and booleans into text and back, so a scalar's wrong shape is an object.
        object.set(name, value.isContainerNode() ? JSON.getNodeFactory().textNode("not a " + value.getNodeType())
                : JSON.createObjectNode().set("$", JSON.createArrayNode().add(1)));
        return true;
    }

    private boolean dropRequired(JsonNode body, JsonNode schema) {
        if (schema == null) {
            return false;
        }
        JsonNode resolved = resolve(schema);
        List<String> required = new ArrayList<>();
        resolved.path("required").forEach(name -> required.add(name.asText()));
        resolved.path("allOf").forEach(part -> resolve(part).path("required").forEach(n -> required.add(n.asText())));
        ObjectNode object = body.isObject() ? (ObjectNode) body : null;
        if (object == null || required.isEmpty()) {
            return false;
        }
        object.remove(required.get(random.nextInt(required.size())));
        return true;
    }

    /** A value of every field the schema names, each valid on its own. */
    private JsonNode template(JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema);
        var nodes = JSON.getNodeFactory();
        if (resolved.has("allOf")) {
            ObjectNode merged = JSON.createObjectNode();
            resolved.path("allOf").forEach(part -> {
                JsonNode value = template(part, depth + 1);
                if (value.isObject()) {
                    merged.setAll((ObjectNode) value);
                }
            });
            return merged;
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            for (JsonNode option : resolved.path(choice)) {
                if (!"null".equals(resolve(option).path("type").asText())) {
                    return template(option, depth + 1);
                }
            }
        }
        if (resolved.has("enum")) {
            return resolved.path("enum").get(0);
        }
        String type = resolved.path("type").isArray() ? resolved.path("type").get(0).asText()
                : resolved.path("type").asText("object");
        return switch (type) {
            case "array" -> {
                ArrayNode array = JSON.createArrayNode();
                if (depth < 6) {
                    array.add(template(resolved.path("items"), depth + 1));
                }
                yield array;
            }
            case "string" -> nodes.textNode(switch (resolved.path("format").asText()) {
                case "email" -> "fuzz@example.com";
                case "uri" -> "https://example.com/hook";
                default -> "x";
            });
            case "integer", "number" -> nodes.numberNode(1);
            case "boolean" -> nodes.booleanNode(true);
            case "null" -> nodes.nullNode();
            default -> {
                ObjectNode object = JSON.createObjectNode();
                resolved.path("properties").properties().forEach(p -> object.set(p.getKey(), depth < 6 ? template(p.getValue(), depth + 1)
                        : nodes.textNode("x")));
                if (object.isEmpty()) {
                    object.put("x", "x");
                }
                yield object;
            }
        };
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode resolved = schema;
        while (resolved.has("$ref")) {
            String[] parts = resolved.path("$ref").asText().substring(2).split("/");
            JsonNode at = document;
            for (String part : parts) {
                at = at.path(part);
            }
            resolved = at;
        }
        return resolved;
    }

    private String path(Operation operation, boolean realId) {
        StringBuilder path = new StringBuilder();
        for (String segment : operation.path().split("/", -1)) {
            if (!path.isEmpty() || !segment.isEmpty()) {
                path.append('/');
            }
            if (segment.startsWith("{")) {
                path.append(realId && segment.equals("{id}") ? realIds.get(random.nextInt(realIds.size()))
                        : hostileSegment());
            } else {
                path.append(segment);
            }
        }
        return path.toString();
    }

    private String hostileSegment() {
        return switch (random.nextInt(4)) {
            case 0 -> Long.toString(random.nextLong(), 36).replace('-', 'z');
            case 1 -> URLEncoder.encode(new BadFrames(random.nextLong()).randomText(1 + random.nextInt(30)),
                    StandardCharsets.UTF_8);
            default -> List.of("..", "%2e%2e", "%2F", "%00", "%ZZ", "%", "-1", "0", "99999999999999999999", "null",
                    "%20", "x;y", "*", "%25", "'%20OR%201=1--", "%3Cscript%3E", "a".repeat(3_000),
                    "a".repeat(20_000), "1e3", "%C3%28").get(random.nextInt(20));
        };
    }

    private String query(Operation operation) {
        if (operation.query().isEmpty() && random.nextInt(3) > 0) {
            return "";
        }
        List<String> names = new ArrayList<>(operation.query());
        names.add("x");
        StringBuilder query = new StringBuilder("?");
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            query.append(i == 0 ? "" : "&").append(names.get(random.nextInt(names.size()))).append('=')
                    .append(List.of("abc", "-1", "0", "99999999999999999999", "", "%", "%ZZ", "1e9", "NaN",
                            "2026-13-45", "Mars%2FOlympus", "%00", "a".repeat(5_000), "true", "%E6%BC%A2")
                            .get(random.nextInt(15)));
        }
        return query.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
