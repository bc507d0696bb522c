package dev.baton.conversation;

/**
 * How the team is handling a conversation, as the inbox shows it: who has it, for which team and why, since when,
 * how far each side has read, and how the customer rated it. Times are epoch milliseconds; null means "not yet".
 */
public record Handling(String assignee, String team, String priority, String reason, Long handedOffAt,
        Long firstResponseAt, Long resolvedAt, Long updatedAt, String preview, String customerReadSeq,
        String agentReadSeq, int unreadByAgent, Integer csatRating) {

    public static final Handling NONE = new Handling(null, null, null, null, null, null, null, null, null, null,
            null, 0, null);

    /** The inbox shows this many characters of the latest message. */
    static final int PREVIEW = 120;

    /** A message as the inbox list shows it: on one line, cut at {@link #PREVIEW} characters. */
    public static String previewOf(String text) {
        return CustomerText.oneLine(text, PREVIEW);
    }
}
