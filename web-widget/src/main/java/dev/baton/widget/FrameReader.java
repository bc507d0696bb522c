package dev.baton.widget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.google.re2j.Pattern;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Seq;
import dev.baton.kb.ArticleRules;

/**
 * Reads a text frame into a {@link ClientFrame} and checks it fully, or refuses it with the reason a client
 * developer needs to fix it. Nothing that fails here reaches a service.
 */
final class FrameReader {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final ObjectMapper json;
    private final ChatLimits limits;

    FrameReader(ObjectMapper json, ChatLimits limits) {
        this.json = json;
        this.limits = limits;
    }

    ClientFrame read(String text) {
        if (text.length() > limits.maxFrameChars()) {
            throw new FrameRefused("frame_too_large", "A frame may hold at most " + limits.maxFrameChars()
                    + " characters.");
        }
        JsonNode tree;
        try {
            tree = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new FrameRefused("bad_json", "The frame is not valid JSON.");
        }
        if (tree == null || !tree.isObject()) {
            throw new FrameRefused("bad_json", "The frame must be a JSON object.");
        }
        if (!tree.path("type").isTextual()) {
            throw new FrameRefused("missing_field", "Every frame needs a \"type\".");
        }
        ClientFrame frame;
        try {
            frame = json.treeToValue(tree, ClientFrame.class);
        } catch (InvalidTypeIdException e) {
            throw new FrameRefused("unknown_type", "Unknown frame type \"" + e.getTypeId() + "\".");
        } catch (JsonProcessingException e) {
            throw new FrameRefused("invalid_field", "\"" + fieldName(e) + "\" has the wrong type.");
        }
        if (frame instanceof ClientFrame.Hello hello) {
            return checked(hello);
        }
        if (frame instanceof ClientFrame.Feedback feedback) {
            return checked(feedback);
        }
        if (frame instanceof ClientFrame.SendMessage message) {
            return checked(message);
        }
        if (frame instanceof ClientFrame.Pick pick) {
            if (!Seq.isValid(pick.seq())) {
                throw new FrameRefused("invalid_field", "\"seq\" must be the seq of a bot message with choices.");
            }
            if (pick.articleId() != null && !ArticleRules.ID.matcher(pick.articleId()).matches()) {
                throw new FrameRefused("invalid_field", "\"articleId\" is not an article id.");
            }
        }
        if (frame instanceof ClientFrame.Read read && !Seq.isValid(read.seq())) {
            throw new FrameRefused("invalid_field", "\"seq\" must be a seq the server sent.");
        }
        if (frame instanceof ClientFrame.Contact contact) {
            return checked(contact);
        }
        if (frame instanceof ClientFrame.Csat csat) {
            return checked(csat);
        }
        if (frame instanceof ClientFrame.Typing typing && typing.typing() == null) {
            throw new FrameRefused("missing_field", "\"typing\" is required (true or false).");
        }
        return frame;
    }

    private static String fieldName(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
        }
        return "a field";
    }

    private static ClientFrame.Csat checked(ClientFrame.Csat csat) {
        if (csat.rating() == null) {
            throw new FrameRefused("missing_field", "\"rating\" is required (1 to 5).");
        }
        if (csat.rating() < 1 || csat.rating() > 5) {
            throw new FrameRefused("invalid_field", "\"rating\" is 1 to 5.");
        }
        String comment = csat.comment() == null || csat.comment().isBlank() ? null : csat.comment().strip();
        if (comment != null && comment.length() > 1_000) {
            throw new FrameRefused("text_too_long", "A comment may hold at most 1000 characters.");
        }
        return new ClientFrame.Csat(csat.rating(), comment);
    }

    private static ClientFrame.Contact checked(ClientFrame.Contact contact) {
        String email = contact.email() == null ? "" : contact.email().strip();
        if (email.isEmpty()) {
            throw new FrameRefused("missing_field", "\"email\" is required.");
        }
        if (email.length() > 254 || !Customer.EMAIL.matcher(email).matches()) {
            throw new FrameRefused("invalid_field", "\"email\" is not an email address.");
        }
        return new ClientFrame.Contact(email);
    }

    private static ClientFrame.Hello checked(ClientFrame.Hello hello) {
        requireId("visitorId", hello.visitorId());
        if (hello.conversationId() != null) {
            requireId("conversationId", hello.conversationId());
            boolean signedIn = hello.identity() != null && hello.identity().token() != null;
            if (!signedIn && (hello.resumeToken() == null || hello.resumeToken().isEmpty())) {
                throw new FrameRefused("missing_field", "\"resumeToken\" (or a signed identity) is required to "
                        + "resume a conversation.");
            }
        }
        if (hello.lastSeq() != null && !Seq.isValid(hello.lastSeq())) {
            throw new FrameRefused("invalid_field", "\"lastSeq\" must be a seq the server sent, like 1700000000000-0.");
        }
        if (hello.identity() != null) {
            var identity = hello.identity();
            if (identity.token() != null && (identity.token().isBlank() || identity.token().length() > 8_192)) {
                throw new FrameRefused("invalid_field", "\"identity.token\" is a signed JWT of at most 8192 "
                        + "characters.");
            }
            if (identity.name() != null && (identity.name().isBlank() || identity.name().length() > 80)) {
                throw new FrameRefused("invalid_field", "\"identity.name\" is 1 to 80 characters.");
            }
            if (identity.email() != null && (identity.email().length() > 254
                    || !Customer.EMAIL.matcher(identity.email()).matches())) {
                throw new FrameRefused("invalid_field", "\"identity.email\" must be an email address.");
            }
            if (identity.userId() != null && !ID.matcher(identity.userId()).matches()) {
                throw new FrameRefused("invalid_field", "\"identity.userId\" must be 1 to 64 letters, digits or . _ : -");
            }
        }
        if (hello.locale() != null && hello.locale().length() > 35) {
            throw new FrameRefused("invalid_field", "\"locale\" must be a language tag such as en-US or ja.");
        }
        return hello;
    }

    private ClientFrame.SendMessage checked(ClientFrame.SendMessage message) {
        requireId("clientMsgId", message.clientMsgId());
        if (message.text() == null || message.text().isBlank()) {
            throw new FrameRefused("missing_field", "\"text\" is required and can't be blank.",
                    message.clientMsgId());
        }
        if (message.text().length() > limits.maxTextChars()) {
            throw new FrameRefused("text_too_long", "A message may hold at most " + limits.maxTextChars()
                    + " characters.", message.clientMsgId());
        }
        return message;
    }

    private static ClientFrame.Feedback checked(ClientFrame.Feedback feedback) {
        if (feedback.seq() == null || feedback.helpful() == null) {
            throw new FrameRefused("missing_field", "\"seq\" and \"helpful\" are required.");
        }
        if (!Seq.isValid(feedback.seq())) {
            throw new FrameRefused("invalid_field", "\"seq\" must be the seq of a bot message.");
        }
        return feedback;
    }

    private static void requireId(String field, String value) {
        if (value == null) {
            throw new FrameRefused("missing_field", "\"" + field + "\" is required.");
        }
        if (!ID.matcher(value).matches()) {
            throw new FrameRefused("invalid_field", "\"" + field
                    + "\" must be 1 to 64 letters, digits or . _ : -");
        }
    }
}
