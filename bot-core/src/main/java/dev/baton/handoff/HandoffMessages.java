package dev.baton.handoff;

import dev.baton.kb.Language;
import dev.baton.routing.Availability;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** What the customer reads when the conversation goes to the team: honest about who and when, in their language. */
final class HandoffMessages {
    private HandoffMessages() {}

    static String handingOff(String language, Availability availability) {
        boolean japanese = Language.JAPANESE.equals(language);
        String intro = japanese
                ? "チームの担当者におつなぎします。これまでの会話はすべて担当者に伝わりますので、同じことを繰り返していただく必要はありません。"
                : "I'm bringing in someone from our team — they'll see everything we've talked about, so you won't "
                        + "have to repeat yourself.";
        return intro + (japanese ? "" : " ") + expectation(japanese, availability);
    }

    static String emailNoted(String language, String email) {
        return Language.JAPANESE.equals(language)
                ? "ありがとうございます。担当者から " + email + " にもご連絡します。"
                : "Thanks! We'll also reply to " + email + ", so you don't have to wait here.";
    }

    private static String expectation(boolean japanese, Availability availability) {
        if (availability.answersSoon()) {
            return japanese ? "通常" + availability.replyMinutes() + "分ほどでお返事します。"
                    : "We usually reply in about " + (availability.replyMinutes() == 1 ? "a minute"
                            : availability.replyMinutes() + " minutes") + ".";
        }
        if (!availability.open() && availability.backAt() != null) {
            var at = availability.backAt();
            String when = japanese
                    ? at.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.JAPANESE) + " "
                            + at.format(DateTimeFormatter.ofPattern("H:mm")) + "（" + at.getZone().getId() + "）"
                    : at.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " at "
                            + at.format(DateTimeFormatter.ofPattern("HH:mm")) + " (" + at.getZone().getId() + ")";
            return japanese ? "ただいま営業時間外です。" + when + "に再開します。メールアドレスを残していただければ、そちらにもご連絡します。"
                    : "Our team is away right now and back " + when + ". Leave your email address and we'll "
                            + "reply there too — or keep this chat open.";
        }
        return japanese ? "ただいま担当者が全員対応中です。手が空きしだいこちらでお返事します。メールアドレスを残していただくこともできます。"
                : "Everyone on our team is busy right now; we'll reply here as soon as someone is free. You can also "
                        + "leave your email address.";
    }
}
