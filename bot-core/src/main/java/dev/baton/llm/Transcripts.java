package dev.baton.llm;

import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation as a model reads it: one line per message, "Customer:", "Bot:" or "Agent:" and the text, the
 * latest messages within {@link #MAX_CHARS}. Names stay out unless the operator shares identity: the customer is
 * "Customer" and agents are "Agent".
 */
final class Transcripts {
    /** About two of the longest customer messages and the replies around them. */
    static final int MAX_CHARS = 12_000;

    private Transcripts() {}

    static String of(List<Message> transcript) {
        List<String> lines = new ArrayList<>();
        int chars = 0;
        for (int i = transcript.size() - 1; i >= 0 && chars < MAX_CHARS; i--) {
            Message message = transcript.get(i);
            String who = switch (message.author().role()) {
                case CUSTOMER -> "Customer";
                case BOT -> "Bot";
                case AGENT -> "Agent";
                case SYSTEM -> "System";
            };
            String line = who + ": " + message.text().replaceAll("\\s*\\R\\s*", " / ");
            lines.add(0, line);
            chars += line.length() + 1;
        }
        return String.join("\n", lines);
    }

    /** The customer's name and plan, for a prompt, when the operator shares identity; else nothing. */
    static String identity(Customer customer, boolean shared) {
        if (!shared || customer == null || customer.name() == null && customer.plan() == null) {
            return "";
        }
        return "The customer: " + (customer.name() == null ? "name unknown" : customer.name())
                + (customer.plan() == null ? "" : ", plan " + customer.plan()) + "\n\n";
    }

    /** Everything the model may repeat: the messages, the titles of the articles cited, and the shared identity. */
    static String facts(List<Message> transcript, String identity) {
        StringBuilder facts = new StringBuilder(identity);
        for (Message message : transcript) {
            facts.append(message.text()).append('\n');
            if (message.citations() != null) {
                message.citations().forEach(c -> facts.append(c.title()).append('\n'));
            }
        }
        return facts.toString();
    }
}
