package dev.baton.bot;

import dev.baton.kb.Language;

/** What the bot says in its own words (not quoted from an article), in English and Japanese. */
final class BotMessages {
    private BotMessages() {}

    static String notSure(String language) {
        return Language.JAPANESE.equals(language)
                ? "すみません、その質問に確かな答えが見つかりませんでした。担当者におつなぎしましょうか？"
                : "I'm not sure I have the right answer to that. Would you like me to bring in someone from our team?";
    }
}
