package dev.baton.mail;

import dev.baton.kb.Language;

/** The words of Baton's emails to customers, in English or Japanese (the conversation's language). */
final class MailTexts {
    private final boolean japanese;

    MailTexts(String language) {
        this.japanese = Language.JAPANESE.equals(language);
    }

    String repliesSubject(String agentName) {
        return japanese ? agentName + "さんからお返事が届いています" : agentName + " replied to your conversation";
    }

    String greeting(String firstName) {
        if (firstName == null) {
            return japanese ? "お客様" : "Hi there,";
        }
        return japanese ? firstName + "様" : "Hi " + firstName + ",";
    }

    String signature(String agentName, String team) {
        return japanese ? "— " + agentName + "（" + team + "）" : "— " + agentName + ", " + team;
    }

    String answerHere(String link) {
        return japanese ? "このメールに返信すると、そのまま担当者に届きます。チャットで続ける場合はこちら: " + link
                : "Reply to this email to answer, or continue in the chat: " + link;
    }

    String earlier() {
        return japanese ? "これまでのやり取り:" : "Earlier in this conversation:";
    }

    String you() {
        return japanese ? "あなた" : "You";
    }

    String csatSubject() {
        return japanese ? "サポートの対応はいかがでしたか？" : "How did we do?";
    }

    String csatQuestion(String team) {
        return japanese ? team + "の対応を5段階で評価してください。数字を選ぶと評価だけが記録されます。"
                : "How would you rate the help you got from " + team + "? Choosing a number records your rating, "
                        + "nothing else.";
    }

    String csatChoice(int rating) {
        String[] en = {"", "1 — Bad", "2 — Poor", "3 — OK", "4 — Good", "5 — Great"};
        String[] ja = {"", "1 — 不満", "2 — やや不満", "3 — ふつう", "4 — 満足", "5 — とても満足"};
        return japanese ? ja[rating] : en[rating];
    }

    String csatReopen() {
        return japanese ? "まだ解決していない場合は、このメールに返信してください。" : "Not solved yet? Just reply to this email.";
    }
}
