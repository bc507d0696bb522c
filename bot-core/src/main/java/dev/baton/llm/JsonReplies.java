package dev.baton.llm;

/** What models wrap around a JSON object even in JSON mode. */
final class JsonReplies {
    private JsonReplies() {}

    /** The reply without a Markdown code fence around it ("```json ... ```"), as some models send. */
    static String unfenced(String reply) {
        if (reply == null) {
            throw new IllegalArgumentException("an empty reply");
        }
        String text = reply.strip();
        if (text.startsWith("```")) {
            int start = text.indexOf('\n');
            int end = text.lastIndexOf("```");
            if (start > 0 && end > start) {
                return text.substring(start + 1, end).strip();
            }
        }
        return text;
    }
}
