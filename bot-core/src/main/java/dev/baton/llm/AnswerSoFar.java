package dev.baton.llm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of the {@code "answer"} field of a JSON reply the model is still writing: what can be decoded of that
 * string so far. Jackson reads a string only once it is whole, so this reads the few escapes JSON strings have by
 * hand; the finished reply is read by Jackson as before, and only that one may become the answer.
 */
final class AnswerSoFar {
    /** The answer's key and the quote that opens its value: only a key is followed by a colon. */
    private static final Pattern OPENING = Pattern.compile("\"answer\"\\s*:\\s*\"");

    private AnswerSoFar() {}

    /** The answer's text decoded from {@code reply} so far; empty until its value starts. Stops before a cut escape. */
    static String of(String reply) {
        Matcher opening = OPENING.matcher(reply);
        if (!opening.find()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        int i = opening.end();
        while (i < reply.length()) {
            char c = reply.charAt(i);
            if (c == '"') {
                break; // the value is complete
            }
            if (c != '\\') {
                text.append(c);
                i++;
                continue;
            }
            if (i + 1 >= reply.length()) {
                break; // the escape is cut off: the next chunk completes it
            }
            char escaped = reply.charAt(i + 1);
            if (escaped == 'u') {
                if (i + 6 > reply.length()) {
                    break;
                }
                try {
                    text.append((char) Integer.parseInt(reply.substring(i + 2, i + 6), 16));
                } catch (NumberFormatException e) {
                    break; // not JSON: the finished reply will be refused
                }
                i += 6;
                continue;
            }
            text.append(switch (escaped) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'b' -> '\b';
                case 'f' -> '\f';
                default -> escaped; // \" \\ \/
            });
            i += 2;
        }
        return text.toString();
    }
}
