package dev.baton.llm;

import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.conversation.Role;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A conversation as a model reads it: one line per message, "Customer:", "Bot:" or "Agent:" and the text, the
 * latest messages within {@link #MAX_CHARS}. Names stay out unless the operator shares identity: the customer is
 * "Customer" and agents are "Agent", and inside the messages the customer's and the agents' names and every email
 * address are replaced ("Hi [customer]", "— [agent]", "[email]"): agents greet by name and sign, and the
 * messenger confirms the address a customer left.
 */
final class Transcripts {
    /** About two of the longest customer messages and the replies around them. */
    static final int MAX_CHARS = 12_000;

    private Transcripts() {}

    static String of(List<Message> transcript, Customer customer, boolean shareIdentity) {
        Set<String> customerNames = shareIdentity ? Set.of() : nameParts(customer == null ? null : customer.name());
        Set<String> agentNames = new LinkedHashSet<>();
        if (!shareIdentity) {
            transcript.stream().filter(m -> m.author().role() == Role.AGENT)
                    .forEach(m -> agentNames.addAll(nameParts(m.author().name())));
        }
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
            String text = message.text();
            if (!shareIdentity) {
                text = Customer.EMAIL.matcher(text).replaceAll("[email]");
                text = replaceWords(text, customerNames, "[customer]");
                text = replaceWords(text, agentNames, "[agent]");
            }
            String line = who + ": " + text.replaceAll("\\s*\\R\\s*", " / ");
            lines.add(0, line);
            chars += line.length() + 1;
        }
        return String.join("\n", lines);
    }

    private static Set<String> nameParts(String name) {
        Set<String> parts = new LinkedHashSet<>();
        if (name != null) {
            for (String part : name.strip().split("[\\s\u3000]+")) {
                if (part.codePointCount(0, part.length()) >= 2) {
                    parts.add(part);
                }
            }
        }
        return parts;
    }

    /**
     * {@code text} with every whole-word occurrence of {@code words}, in any case, replaced. Whole words for letters
     * of scripts with spaces ("Al" stays in "also"); anywhere for Japanese names, which have no spaces around them.
     */
    static String replaceWords(String text, Set<String> words, String with) {
        for (String word : words) {
            boolean spaced = word.codePoints().allMatch(
                    c -> !Character.isLetter(c) || Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
            StringBuilder out = new StringBuilder();
            int from = 0;
            for (int at = 0; at + word.length() <= text.length(); at++) {
                int end = at + word.length();
                boolean whole = !spaced || (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                        && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
                if (at >= from && whole && text.regionMatches(true, at, word, 0, word.length())) {
                    out.append(text, from, at).append(with);
                    from = end;
                }
            }
            text = out.append(text.substring(from)).toString();
        }
        return text;
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
