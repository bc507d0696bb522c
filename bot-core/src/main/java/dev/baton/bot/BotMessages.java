package dev.baton.bot;

import dev.baton.kb.Language;

/** What the bot says in its own words (not quoted from an article), in English and Japanese. */
final class BotMessages {
    private BotMessages() {}

    private static boolean japanese(String language) {
        return Language.JAPANESE.equals(language);
    }

    static String notSure(String language) {
        return japanese(language)
                ? "すみません、その質問に確かな答えが見つかりませんでした。担当者におつなぎしましょうか？"
                : "I'm not sure I have the right answer to that. Would you like me to bring in someone from our team?";
    }

    static String didYouMean(String language) {
        return japanese(language) ? "もしかして、次のどれかについてのご質問ですか？" : "Did you mean one of these?";
    }

    /** Before a passage quoted from an article in English, for a customer who asked in Japanese. */
    static String articleInEnglish(String language) {
        return japanese(language) ? "（こちらの記事は英語のみです）\n" : "";
    }

    static String sorryNotHelpful(String language) {
        return japanese(language)
                ? "お役に立てずすみません。担当者におつなぎしましょうか？別の言葉で質問していただくこともできます。"
                : "Sorry that didn't help. Would you like me to bring in someone from our team? You can also try "
                        + "asking in other words.";
    }
}
