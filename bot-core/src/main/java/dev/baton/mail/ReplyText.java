package dev.baton.mail;

import com.google.re2j.Pattern;
import dev.baton.conversation.CustomerText;
import java.util.ArrayList;
import java.util.List;

/**
 * The new part of a customer's email reply: what they wrote above the quoted history ("On … wrote:", "-----Original
 * Message-----", an Outlook header block, quoted lines) and above their signature ("-- ", "Sent from my iPhone"),
 * in English and Japanese mail clients' words. Patterns are RE2/J (linear time): they read what anyone may send, and
 * read no more of it than {@link CustomerText#bounded} keeps, which is as much as a message may hold.
 */
public final class ReplyText {
    /** A line where the quoted history begins. */
    private static final List<Pattern> HISTORY = List.of(
            Pattern.compile("^\\s*On\\b.{0,300}\\bwrote:\\s*$"),
            Pattern.compile("^\\s*-{2,}\\s*(Original Message|Forwarded message)\\s*-{2,}", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*_{10,}\\s*$"),
            Pattern.compile("^\\s*(From|差出人|送信者)\\s*[:：].*"),
            Pattern.compile("^.{0,200}(のメッセージ|が書きました|wrote)\\s*[:：]\\s*$"),
            Pattern.compile("^\\s*\\d{4}年\\d{1,2}月\\d{1,2}日.{0,200}[:：]\\s*$"));
    /** A line where the signature begins. */
    private static final List<Pattern> SIGNATURE = List.of(
            Pattern.compile("^-- ?$"),
            Pattern.compile("^\\s*(Sent from my|Sent from Mail for|Get Outlook for)\\b.*", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*(iPhoneから送信|Android端末から送信).*"));
    /** "On Tue, Dec 2, 2026 at 10:00 Sam via Billing <support+…>" with "wrote:" on the next line. */
    private static final Pattern WROTE_NEXT_LINE = Pattern.compile("^\\s*wrote:\\s*$");
    private static final Pattern ON_LINE = Pattern.compile("^\\s*On\\b.{0,300}$");

    private ReplyText() {}

    /** The reply without its quoted history and signature, trimmed; empty when nothing new was written. */
    public static String of(String body) {
        if (body == null) {
            return "";
        }
        String[] lines = CustomerText.bounded(body).replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean historyStarts = matchesAny(HISTORY, line) || line.startsWith(">")
                    || (ON_LINE.matcher(line).matches() && i + 1 < lines.length
                            && WROTE_NEXT_LINE.matcher(lines[i + 1]).matches());
            if (historyStarts || matchesAny(SIGNATURE, line)) {
                break;
            }
            kept.add(line);
        }
        return String.join("\n", kept).strip();
    }

    private static boolean matchesAny(List<Pattern> patterns, String line) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }
}
