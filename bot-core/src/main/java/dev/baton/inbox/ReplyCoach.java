package dev.baton.inbox;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.baton.kb.Language;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The reply coach: before an agent sends, gentle hints where a reply lacks what the best human replies have — a
 * greeting and the customer's name, owning the problem (no "I can't", "the system won't let me", システム上,
 * できかねます), a next step or a time, the agent's name, and sentences a person can read. Rule-based, so it works
 * offline and without a model; every rule reads English and Japanese whatever the conversation's language, so a
 * reply mixing both is read in both. The agent may always send anyway: the hints never block anything.
 *
 * <p>Greeting, name and sign-off are asked of the agent's first reply in a conversation only; the other rules of
 * every reply. The patterns are RE2/J's (linear time, whatever the agent typed) and read one reply (at most 4,000
 * characters). Stateless and thread-safe.
 */
public final class ReplyCoach {
    /** Non-space characters from which a reply is long enough to need sentences (Japanese packs more per character). */
    static final int LONG_ENGLISH = 80;
    static final int LONG_JAPANESE = 40;
    /** How many disowning phrases a hint quotes. */
    private static final int MAX_QUOTED = 3;
    /** How far into the reply a greeting is looked for. */
    private static final int OPENING = 100;

    /**
     * What the coach knows besides the text.
     *
     * @param customerName the customer's name, or null when Baton does not know it (then nobody is asked to use it)
     * @param agentName the name of the agent writing
     * @param firstReply whether this agent has not replied in this conversation yet
     */
    public record Situation(String customerName, String agentName, boolean firstReply) {}

    // Every English pattern reads lower-cased text with straight apostrophes; Japanese has no case. Both read the
    // text after NFKC, so full-width "！" and "？" and digits are the ASCII ones.
    private static final Pattern GREETING_EN = Pattern.compile(
            "\\b(hi|hello|hey|hiya|howdy|dear|good (morning|afternoon|evening|day)|greetings|welcome|thanks|"
                    + "thank you|many thanks|sorry (for|about) the wait|apologies for the wait)\\b");
    private static final Pattern GREETING_JA = Pattern.compile(
            "こんにちは|こんばんは|おはようございます|お世話になっております|お世話になります|ありがとうございま|"
                    + "お待たせ(いた)?しました|お待たせしております|はじめまして|初めまして|いつもご利用|"
                    + "お問い合わせいただき|お問合せいただき|ご連絡いただき");

    private static final Pattern DISOWNING_EN = Pattern.compile(
            "\\b(i|we) (really |just |simply )?(can ?not|can't|cant|couldn't|could not|won't be able to|"
                    + "will not be able to|wont be able to)\\b( (\\w+))?"
                    + "|\\b(i'm|i am|we're|we are) (really |just |simply )?(unable|not able|not allowed|not permitted)"
                    + "\\b( to (\\w+))?"
                    + "|\\b((the|our) )?systems? (won't|wont|will not|doesn't|doesnt|does not|can't|cant|cannot|"
                    + "can not|isn't|is not|wouldn't|would not|didn't|did not) ?(let|allow|permit|accept|work|show)?\\b"
                    + "|\\bpolic(y|ies) (doesn't|doesnt|does not|don't|dont|do not|won't|wont|will not) "
                    + "(allow|let|permit)\\b"
                    + "|\\bagainst (our |the |company )?policy\\b"
                    + "|\\bnothing (i|we) can do\\b|\\bout of (my|our) hands\\b|\\bnot my (department|job|call)\\b"
                    + "|\\bthere('s| is) no way (i|we) can\\b"
                    + "|(^|[.!?] *)(can't|cant|cannot|can not|unable to)\\b");
    /** What follows "I can't" when nothing is refused: "I can't wait to…", "I can't thank you enough". */
    private static final Set<String> NOT_A_REFUSAL = Set.of("wait", "thank", "believe", "imagine", "stress",
            "emphasize", "emphasise", "overstate", "apologize", "apologise");
    private static final Pattern DISOWNING_JA = Pattern.compile(
            "システム上|システムの都合|システムの仕様|仕様上|規定上|規約上|規則上|ルール上|決まりですので|"
                    + "決まりとなっております|(でき|出来|いたし|致し|承り|応じ|わかり|分かり)かね(ます|る|ており)|"
                    + "(対応|返金|変更|削除|キャンセル|解約|ご返金|ご対応)(は|が|も)?(でき|出来)ません|"
                    + "どうすることも(でき|出来)ません|私には(でき|出来)ません|弊社では(でき|出来)ません");
    /** A phrase quoted ("they said 「できかねます」") is reported, not said: the disowning rules skip quotes. */
    private static final Pattern QUOTED = Pattern.compile(
            "「[^」]{0,400}」|『[^』]{0,400}』|\"[^\"]{0,400}\"|“[^”]{0,400}”");

    private static final Pattern NEXT_STEP_EN = Pattern.compile(
            "\\b(i'll|i will|i've|i have|i'm going to|i am going to|i'd be (happy|glad) to|we'll|we will|we've|"
                    + "we have|we're going to|you'll|you will|it'll|it will|will|let me (check|look|see|find|ask|"
                    + "fix|get|sort|take|confirm|escalate|follow|know)|let us know|next step|within|until|"
                    + "by (monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today|noon|"
                    + "the end|end of|eod)|today|tomorrow|tonight|this (morning|afternoon|evening|week)|"
                    + "next (week|monday|tuesday|wednesday|thursday|friday)|right away|shortly|asap|"
                    + "in (a|an|one|two|three|a few|few|\\d+) (moments?|minutes?|hours?|days?|weeks?|business days?)|"
                    + "\\d+ ?(minutes?|mins?|hours?|hrs?|days?|weeks?|business days?|working days?)|"
                    + "\\d{1,2}(:\\d\\d)? ?(am|pm)|please|click|tap|go to|open|select|try|follow)\\b");
    private static final Pattern NEXT_STEP_JA = Pattern.compile(
            "(いた|致)します|させて(いただ|頂)きます|しておきます|(いた|致)しました|しました|手配|確認します|"
                    + "ご連絡します|お送りします|ご案内します|折り返し|後ほど|のちほど|本日|明日|今日|今週|来週|"
                    + "[0-9一二三四五六七八九十]+ ?(分|時間|日|営業日|週間)|までに|以内|次の手順|手順");
    /** "…ください" asks the customer to do something, except to accept or understand a refusal. */
    private static final Pattern PLEASE_JA = Pattern.compile("(ご了承|ご理解|ご容赦|ご勘弁)?ください");

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?。…]");
    private static final Pattern MARK_RUN = Pattern.compile("!{2,}|\\?{2,}|[!?]{3,}");
    private static final Pattern CAPS_RUN = Pattern.compile(
            "\\b[A-Z]{2,}\\b([^A-Za-z]{1,3}\\b[A-Z]{2,}\\b){2,}");
    private static final Pattern NAME_PARTS = Pattern.compile("[\\s,・、]+");

    private ReplyCoach() {}

    /** The hints for {@code text} in {@code situation}, in the order of {@link ReplyHint#CODES}; empty when none. */
    public static List<ReplyHint> hints(String text, Situation situation) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKC).replace('\u2019', '\'')
                .replace('\u2018', '\'');
        String lower = plain.toLowerCase(Locale.ROOT);
        boolean japanese = Language.JAPANESE.equals(Language.detect(plain));
        List<ReplyHint> hints = new ArrayList<>();
        if (plain.isBlank()) {
            return hints;
        }
        if (situation.firstReply()) {
            String opening = lower.substring(0, Math.min(lower.length(), OPENING));
            if (!GREETING_EN.matcher(opening).find() && !GREETING_JA.matcher(opening).find()) {
                hints.add(new ReplyHint(ReplyHint.GREETING, japanese
                        ? "Open with a greeting, e.g. \u300cお問い合わせありがとうございます。\u300d"
                        : "Open with a greeting, e.g. \"Hi" + firstWord(situation.customerName()) + ",\""));
            }
            String customer = clean(situation.customerName());
            if (!customer.isEmpty() && !mentions(lower, customer)) {
                hints.add(new ReplyHint(ReplyHint.CUSTOMER_NAME, japanese
                        ? "Address the customer by name, e.g. \u300c" + customer + "様\u300d."
                        : "Use the customer's name (" + customer + "): people notice when you call them by it."));
            }
        }
        List<String> disowning = disowningPhrases(QUOTED.matcher(lower).replaceAll(" "));
        if (!disowning.isEmpty()) {
            hints.add(new ReplyHint(ReplyHint.DISOWNING, "\u201c" + String.join("\u201d and \u201c", disowning)
                    + (disowning.size() == 1 ? "\u201d hands" : "\u201d hand") + " the problem to someone else: "
                    + "say what you can do, or what you will do next."));
        }
        if (!hasNextStep(lower)) {
            hints.add(new ReplyHint(ReplyHint.NEXT_STEP, japanese
                    ? "Say what happens next and when, e.g. \u300c本日中に確認して、ご連絡いたします。\u300d"
                    : "Say what happens next and when, e.g. \"I'll check with billing and write back within the "
                            + "hour.\""));
        }
        String agent = clean(situation.agentName());
        if (situation.firstReply() && !agent.isEmpty() && !mentions(lower, agent)) {
            hints.add(new ReplyHint(ReplyHint.SIGN_OFF, japanese
                    ? "Say who is writing, e.g. \u300c担当の" + agent + "です。\u300d"
                    : "Sign with your name so they know who is helping, e.g. \"\u2014" + firstWord(agent) + "\"."));
        }
        String punctuation = punctuationProblem(plain, japanese);
        if (punctuation != null) {
            hints.add(new ReplyHint(ReplyHint.PUNCTUATION, punctuation));
        }
        return hints;
    }

    /** The disowning phrases of {@code unquoted} (lower-cased), the first {@value #MAX_QUOTED} different ones. */
    private static List<String> disowningPhrases(String unquoted) {
        Set<String> phrases = new LinkedHashSet<>();
        Matcher english = DISOWNING_EN.matcher(unquoted);
        while (english.find() && phrases.size() < MAX_QUOTED) {
            String next = english.group(5) != null ? english.group(5) : english.group(10);
            if (next == null || !NOT_A_REFUSAL.contains(next)) {
                phrases.add(stripLeadingMarks(english.group()));
            }
        }
        Matcher japanese = DISOWNING_JA.matcher(unquoted);
        while (japanese.find() && phrases.size() < MAX_QUOTED) {
            phrases.add(japanese.group());
        }
        return List.copyOf(phrases);
    }

    /** ". can't" → "can't": a refusal that starts a sentence is matched with the end of the one before. */
    private static String stripLeadingMarks(String phrase) {
        int start = 0;
        while (start < phrase.length() && ".!? ".indexOf(phrase.charAt(start)) >= 0) {
            start++;
        }
        return phrase.substring(start).trim();
    }

    private static boolean hasNextStep(String lower) {
        if (NEXT_STEP_EN.matcher(lower).find() || NEXT_STEP_JA.matcher(lower).find()) {
            return true;
        }
        Matcher please = PLEASE_JA.matcher(lower);
        while (please.find()) {
            if (please.group(1) == null) {
                return true;
            }
        }
        return false;
    }

    /** What is wrong with the reply's punctuation, for the agent, or null when nothing is. */
    private static String punctuationProblem(String plain, boolean japanese) {
        List<String> problems = new ArrayList<>();
        long characters = plain.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        if (characters >= (japanese ? LONG_JAPANESE : LONG_ENGLISH) && !SENTENCE_END.matcher(plain).find()) {
            problems.add(japanese ? "This long reply has no \u300c。\u300d: split it into sentences."
                    : "This long reply has no full stop: split it into sentences.");
        }
        Matcher run = MARK_RUN.matcher(plain);
        if (run.find()) {
            problems.add("\u201c" + run.group() + "\u201d reads as shouting: one mark is enough.");
        }
        if (CAPS_RUN.matcher(plain).find() || mostlyCapitals(plain)) {
            problems.add("All caps reads as shouting: write in normal case.");
        }
        return problems.isEmpty() ? null : String.join(" ", problems);
    }

    private static boolean mostlyCapitals(String plain) {
        long letters = plain.chars().filter(c -> c < 128 && Character.isLetter(c)).count();
        long capitals = plain.chars().filter(c -> c >= 'A' && c <= 'Z').count();
        return letters >= 20 && capitals >= letters * 0.7;
    }

    /**
     * Whether the reply (lower-cased) names the person: any part of the name of two characters or more, as a whole
     * word in Latin script; for a Japanese name written without a space, its first two characters (the family name,
     * as a reply says 田中様 to 田中花子) do too.
     */
    static boolean mentions(String lower, String name) {
        for (String part : NAME_PARTS.split(name.toLowerCase(Locale.ROOT))) {
            if (part.length() >= 2 && containsWord(lower, part)) {
                return true;
            }
            if (part.length() >= 3 && Language.JAPANESE.equals(Language.detect(part))
                    && lower.contains(part.substring(0, 2))) {
                return true;
            }
        }
        return false;
    }

    /** {@code word} in {@code text}, not inside a longer Latin word ("ana" is not in "banana", but is in "ana様"). */
    private static boolean containsWord(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            if ((at == 0 || !isLatinWordChar(text.charAt(at - 1)))
                    && (end == text.length() || !isLatinWordChar(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLatinWordChar(char c) {
        return c < 0x0250 && Character.isLetterOrDigit(c);
    }

    private static String clean(String name) {
        return name == null ? "" : Normalizer.normalize(name, Normalizer.Form.NFKC).trim();
    }

    /** " Maria" for "Maria Lopez", "" for no name: the greeting's example. */
    private static String firstWord(String name) {
        String cleaned = clean(name);
        return cleaned.isEmpty() ? "" : " " + NAME_PARTS.split(cleaned)[0];
    }
}
