package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.ConversationEvent;
import dev.baton.event.LoggedEvent;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns events into stream entry fields and back. */
final class EventCodec {
    private static final Logger log = LoggerFactory.getLogger(EventCodec.class);

    private final ObjectMapper json;

    EventCodec(ObjectMapper json) {
        this.json = json;
    }

    String encode(ConversationEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event can't be written as JSON: " + event, e);
        }
    }

    /** The event, or empty for one this node can't read (written by a newer version), which is skipped. */
    Optional<LoggedEvent> decode(String seq, Map<String, String> fields) {
        return decode(seq, fields, null);
    }

    /** An entry of the feed, which also carries its own position there. */
    Optional<LoggedEvent> decode(String seq, Map<String, String> fields, String feedId) {
        try {
            ConversationEvent event = json.readValue(fields.get("event"), ConversationEvent.class);
            return Optional.of(new LoggedEvent(seq, fields.get("origin"), event, feedId));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            log.warn("Skipping unreadable event {}: {}", seq, e.getMessage());
            return Optional.empty();
        }
    }
}
