package dev.baton.conversation;

import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import java.util.List;

/**
 * A message as clients see it: its position in the log ({@code seq}), author, text and, for bot answers, the
 * articles it came from and how sure the bot was, or the articles it offers as choices.
 */
public record Message(String seq, Author author, String text, long ts, List<Citation> citations, Double confidence,
        String clientMsgId, List<Citation> choices) {

    public static Message of(LoggedEvent logged, MessageCreated created) {
        return new Message(logged.seq(), created.author(), created.text(), logged.ts(),
                created.citations().isEmpty() ? null : created.citations(), created.confidence(),
                created.clientMsgId(), created.choices().isEmpty() ? null : created.choices());
    }
}
