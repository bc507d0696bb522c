package dev.baton.kb;

/**
 * The languages Baton answers in, and how it tells them apart: text with kana or CJK ideographs is Japanese,
 * anything else is treated as English.
 */
public final class Language {
    public static final String ENGLISH = "en";
    public static final String JAPANESE = "ja";

    private Language() {}

    public static String detect(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                    || script == Character.UnicodeScript.HAN) {
                return JAPANESE;
            }
            i += Character.charCount(cp);
        }
        return ENGLISH;
    }

    /** The supported language closest to a BCP 47 tag such as {@code ja-JP}; English when unknown. */
    public static String fromLocale(String locale) {
        return locale != null && locale.toLowerCase(java.util.Locale.ROOT).startsWith(JAPANESE) ? JAPANESE : ENGLISH;
    }
}
