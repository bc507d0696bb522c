package dev.baton.event;

import dev.baton.conversation.Author;
import java.util.Objects;

/** An agent wrote a private note: for the team only, never sent to the customer. */
public record NoteAdded(String conversationId, Author author, String text) implements ConversationEvent {
    public static final String TYPE = "note.created";

    public NoteAdded {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
    }
}
