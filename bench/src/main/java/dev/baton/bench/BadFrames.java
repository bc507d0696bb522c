package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile WebSocket frames for {@code /ws/chat} and {@code /ws/agent}, from a seeded random (the same seed gives
 * the same frames). Every chat frame breaks the protocol on purpose (see docs/protocol.md): not JSON, not an
 * object, no type, an unknown type, a field of the wrong shape or out of range, a required field missing, too
 * large, invalid UTF-8, binary; so a server that stored anything for one would be wrong.
 */
final class BadFrames {
    /** Jetty closes a text frame over this many bytes (BatonApp's limit) with 1009. */
    static final int SOCKET_LIMIT = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One frame and the kind of wrong it is. Exactly one of {@code text} and {@code bytes} is set. */
    record Frame(String kind, String text, byte[] bytes, boolean binary) {
        /** The server is to close the connection (1007 or 1009) rather than answer. */
        boolean closes() {
            return (bytes != null && !binary) || (text != null && text.getBytes(StandardCharsets.UTF_8).length
                    > SOCKET_LIMIT);
        }
    }

    /** The shape of each field of the frames, for bad values that fit the field's rules. */
    private enum Field { ID, TEXT, SEQ, BOOLEAN, RATING, COMMENT, EMAIL, LOCALE, IDENTITY, TOKEN }

    private record Template(String type, Map<String, Field> fields, List<String> required) {}

    private static final List<Template> CHAT = List.of(
            new Template("hello", fields("visitorId", Field.ID, "conversationId", Field.ID, "resumeToken",
                    Field.TOKEN, "lastSeq", Field.SEQ, "locale", Field.LOCALE, "identity", Field.IDENTITY),
                    List.of("visitorId")),
            new Template("message", fields("clientMsgId", Field.ID, "text", Field.TEXT), List.of("clientMsgId",
                    "text")),
            new Template("feedback", fields("seq", Field.SEQ, "helpful", Field.BOOLEAN), List.of("seq", "helpful")),
            new Template("typing", fields("typing", Field.BOOLEAN), List.of("typing")),
            new Template("read", fields("seq", Field.SEQ), List.of("seq")),
            new Template("contact", fields("email", Field.EMAIL), List.of("email")),
            new Template("csat", fields("rating", Field.RATING, "comment", Field.COMMENT), List.of("rating")),
            new Template("request_human", fields(), List.of()));

    private final Random random;

    BadFrames(long seed) {
        this.random = new Random(seed);
    }

    private static Map<String, Field> fields(Object... pairs) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], (Field) pairs[i + 1]);
        }
        return fields;
    }

    /**
     * A frame the customer socket must refuse. Before {@code hello} every frame but a valid hello is refused, so
     * the other types may come whole then; a {@code hello} is always broken (a valid one would start a
     * conversation), and after it every frame is.
     */
    Frame chat(boolean started) {
        int pick = random.nextInt(100);
        if (pick < 40) {
            Template template = pickTemplate(started);
            return new Frame("wrong field: " + template.type(), broken(template).toString(), null, false);
        }
        if (pick < 50) {
            Template template = pickTemplate(started);
            if (template.required().isEmpty()) {
                return new Frame("not json", notJson(), null, false);
            }
            ObjectNode frame = whole(template);
            frame.remove(template.required().get(random.nextInt(template.required().size())));
            return new Frame("missing field: " + template.type(), frame.toString(), null, false);
        }
        if (pick < 58 && !started) {
            Template template = CHAT.get(1 + random.nextInt(CHAT.size() - 1));
            return new Frame("before hello: " + template.type(), whole(template).toString(), null, false);
        }
        return shapeless(pick, "message");
    }

    /** A frame for the console socket: anything at all (none of its frames stores data, see docs/console-api.md). */
    Frame agent() {
        int pick = random.nextInt(100);
        if (pick < 45) {
            ObjectNode frame = JSON.createObjectNode().put("type", List.of("hello", "heartbeat", "typing")
                    .get(random.nextInt(3)));
            for (String field : List.of("lastEventId", "conversationId", "typing")) {
                if (random.nextBoolean()) {
                    frame.set(field, anyValue());
                }
            }
            return new Frame("agent frame, odd fields", frame.toString(), null, false);
        }
        return shapeless(pick, "heartbeat");
    }

    /** Frames that are wrong before any field is read. */
    private Frame shapeless(int pick, String knownType) {
        return switch (pick % 8) {
            case 0 -> new Frame("not json", notJson(), null, false);
            case 1 -> new Frame("not an object", List.of("[]", "[1,2]", "1", "-0.5e99", "\"hello\"", "null", "true",
                    "[{\"type\":\"" + knownType + "\"}]").get(random.nextInt(8)), null, false);
            case 2 -> {
                ObjectNode frame = JSON.createObjectNode().put("text", "no type");
                if (random.nextBoolean()) {
                    frame.set("type", List.<JsonNode>of(JSON.getNodeFactory().numberNode(7),
                            JSON.createObjectNode(), JSON.createArrayNode(), JSON.getNodeFactory().nullNode(),
                            JSON.getNodeFactory().booleanNode(true)).get(random.nextInt(5)));
                }
                yield new Frame("no type", frame.toString(), null, false);
            }
            case 3 -> new Frame("unknown type", JSON.createObjectNode().put("type", randomText(1 + random.nextInt(40)))
                    .toString(), null, false);
            case 4 -> new Frame("too large", JSON.createObjectNode().put("type", knownType)
                    .put("clientMsgId", "big").put("text", randomText(16_400 + random.nextInt(40_000))).toString(),
                    null, false);
            case 5 -> new Frame("over the socket limit", "{\"type\":\"" + knownType + "\",\"text\":\""
                    + "x".repeat(SOCKET_LIMIT + random.nextInt(SOCKET_LIMIT)) + "\"}", null, false);
            case 6 -> new Frame("invalid UTF-8", null, invalidUtf8(), false);
            default -> {
                byte[] bytes = new byte[1 + random.nextInt(4096)];
                random.nextBytes(bytes);
                yield new Frame("binary", null, bytes, true);
            }
        };
    }

    private Template pickTemplate(boolean started) {
        // After hello a whole request_human would be obeyed; it has no field to break, so it is left out.
        List<Template> choices = started ? CHAT.subList(0, CHAT.size() - 1) : CHAT;
        return choices.get(random.nextInt(choices.size()));
    }

    /** The template with every field at a valid value (hello: only its required ones). */
    private ObjectNode whole(Template template) {
        ObjectNode frame = JSON.createObjectNode().put("type", template.type());
        template.fields().forEach((name, field) -> {
            if (!template.type().equals("hello") || template.required().contains(name)) {
                frame.set(name, validValue(field));
            }
        });
        return frame;
    }

    /** The template with one field at a value its rules refuse. */
    private ObjectNode broken(Template template) {
        ObjectNode frame = whole(template);
        List<String> names = new ArrayList<>(template.fields().keySet());
        if (names.isEmpty()) {
            frame.set("type", JSON.createArrayNode().add(template.type()));
            return frame;
        }
        String name = names.get(random.nextInt(names.size()));
        if (name.equals("resumeToken")) {
            // A conversation to resume without its token is refused before anything is looked up.
            frame.put("conversationId", "c-" + random.nextInt(1000));
            return frame;
        }
        frame.set(name, badValue(template.fields().get(name)));
        return frame;
    }

    private JsonNode validValue(Field field) {
        var nodes = JSON.getNodeFactory();
        return switch (field) {
            case ID -> nodes.textNode("fuzz-" + random.nextInt(1000));
            case TEXT -> nodes.textNode("Where is my invoice?");
            case SEQ -> nodes.textNode("1700000000000-0");
            case BOOLEAN -> nodes.booleanNode(random.nextBoolean());
            case RATING -> nodes.numberNode(1 + random.nextInt(5));
            case COMMENT -> nodes.textNode("Quick and kind.");
            case EMAIL -> nodes.textNode("maria@example.com");
            case LOCALE -> nodes.textNode("en");
            case IDENTITY -> JSON.createObjectNode().put("name", "Maria");
            case TOKEN -> nodes.textNode("token");
        };
    }

    /** A value that breaks the field's rules: the wrong shape, or the right shape out of range. */
    private JsonNode badValue(Field field) {
        var nodes = JSON.getNodeFactory();
        if (random.nextInt(4) == 0) {
            // Jackson turns numbers and booleans into text, so only an object or an array is the wrong shape always
            // (for the one object field, an array or text).
            return random.nextBoolean() && field != Field.IDENTITY ? JSON.createObjectNode().put("$", 1)
                    : JSON.createArrayNode().add("x");
        }
        List<String> bad = switch (field) {
            case ID, TOKEN -> List.of("", " ", "bad id!", "a".repeat(65), "<script>", "ü", "a/b", "a\u0000b",
                    "\uD83D\uDE00", "../../etc");
            case TEXT -> List.of("", "   ", "\n\t ", randomText(4_001 + random.nextInt(4_000)));
            case SEQ -> List.of("", "yesterday", "1-", "-1", "1.5-0", "99999999999999999999-0", "1-2-3", "0x10-0");
            case BOOLEAN -> List.of("maybe", "yes please", "");
            case RATING -> List.of("0", "6", "-1", "99999999999", "abc");
            case COMMENT -> List.of(randomText(1_100 + random.nextInt(2_000)));
            case EMAIL -> List.of("not-an-email", "a@", "@b.c", "a b@c.d", "x".repeat(250) + "@e.fg", "\u0000@x.y");
            case LOCALE -> List.of("x".repeat(36 + random.nextInt(100)));
            case IDENTITY -> List.of("a string, not an object");
        };
        String value = bad.get(random.nextInt(bad.size()));
        if (field == Field.RATING && !value.equals("abc")) {
            return nodes.numberNode(Long.parseLong(value));
        }
        if (field == Field.IDENTITY && random.nextBoolean()) {
            // Each of its fields out of its own range: a name of 0 or 300 characters, not an email, not an id,
            // a token that is blank or no JWT.
            String part = List.of("name", "email", "userId", "token").get(random.nextInt(4));
            return JSON.createObjectNode().put(part, random.nextBoolean() || part.equals("name") ? List.of("",
                    "x".repeat(300)).get(random.nextInt(2)) : "bad id!");
        }
        return nodes.textNode(value);
    }

    private JsonNode anyValue() {
        var nodes = JSON.getNodeFactory();
        return switch (random.nextInt(7)) {
            case 0 -> nodes.textNode(randomText(random.nextInt(100)));
            case 1 -> nodes.numberNode(random.nextLong());
            case 2 -> nodes.booleanNode(random.nextBoolean());
            case 3 -> nodes.nullNode();
            case 4 -> JSON.createArrayNode().add(randomText(5));
            case 5 -> nodes.textNode("x".repeat(1_000 + random.nextInt(10_000)));
            default -> JSON.createObjectNode().put("deep", randomText(3));
        };
    }

    private String notJson() {
        return switch (random.nextInt(5)) {
            case 0 -> "{\"type\": \"message\", \"text\": \"cut off";
            case 1 -> randomText(1 + random.nextInt(200));
            case 2 -> "{" + "[".repeat(1 + random.nextInt(5_000));
            case 3 -> "{'type': 'hello'}";
            default -> "{\"type\":\"hello\"}{\"type\":\"hello\"}garbage";
        };
    }

    /** Text from the whole of Unicode's basic plane and beyond, lone surrogates excepted (they can't be sent). */
    String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x2FFFF);
            if (!Character.isSurrogate((char) codePoint) || codePoint > 0xFFFF) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    /** Bytes that are not UTF-8: stray continuation bytes, overlong forms, surrogates, truncated sequences. */
    byte[] invalidUtf8() {
        byte[][] wrong = {{(byte) 0xC3, 0x28}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80},
                {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF}};
        byte[] prefix = "{\"type\":\"message\",\"clientMsgId\":\"u\",\"text\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] bad = wrong[random.nextInt(wrong.length)];
        byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[prefix.length + bad.length + suffix.length];
        System.arraycopy(prefix, 0, frame, 0, prefix.length);
        System.arraycopy(bad, 0, frame, prefix.length, bad.length);
        System.arraycopy(suffix, 0, frame, prefix.length + bad.length, suffix.length);
        return frame;
    }

    Random random() {
        return random;
    }
}
