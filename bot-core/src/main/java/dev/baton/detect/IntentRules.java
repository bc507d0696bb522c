package dev.baton.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.baton.conversation.CustomerText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Word patterns that tell a request from a question about it, in English and Japanese. Each rule that matches
 * nudges one class up (a request: cancel, refund, complaint, a person) or "none" up (a question about a policy,
 * contacting support, the newsletter, editing an order), and says why in words an agent can check. The patterns
 * are RE2/J's (linear time, whatever the message) and read one message's worth of text at most.
 */
final class IntentRules {
    static final String NONE = "none";

    /** A rule that matched: the class it speaks for, how much, and the words that made it. */
    record Hit(String label, double boost, String evidence) {}

    /** English text is lower-cased before it is read, and Japanese has no case: no pattern needs to fold case. */
    private static Pattern words(String regex) {
        return Pattern.compile(regex);
    }

    // English
    private static final Pattern REFUND_WORD = words(
            "\\b(refund\\w*|reimburs\\w*|money back|compensation\\w*|rebate\\w*|restitution\\w*|repayment\\w*|"
                    + "chargeback\\w*)");
    private static final Pattern CANCEL_VERB = words(
            "\\b(cancel\\w*|close|closing|closure|delete|deleting|deletion|remove|removing|removal|terminat\\w*|"
                    + "unsubscrib\\w*|deactivat\\w*|stop|stopping|discontinu\\w*|end|quit|get rid of|erase)\\b");
    private static final Pattern CANCEL_OBJECT = words(
            "\\b(account|order|purchase|subscription|membership|plan|profile|auto-?renew\\w*|renewal|contract)s?\\b");
    private static final Pattern POLICY = words(
            "\\b(polic(y|ies)|guarantee|fees?|penalt(y|ies)|conditions?|cases|situations|circumstances|eligib\\w*|"
                    + "how long|rules|terms|what happens|allowed|(cancel\\w*|termination|exit|early) (charges?|costs?)|"
                    + "costs? (to|of) cancel\\w*)\\b");
    private static final Pattern NEWSLETTER = words("\\bnewsletters?\\b");
    private static final Pattern CUSTOMER_SERVICE = words(
            "\\b(customer (service|support|assistance|care)|support team|call cent(er|re)|help ?desk)\\b");
    private static final Pattern PERSON = words(
            "\\b(human|humans|agent|agents|representative|rep|operator|real person|live person|a person|"
                    + "actual person|someone|somebody|staff member|live chat|live support|assistant)\\b");
    private static final Pattern COMPLAINT_WORD = words(
            "\\b(complaint\\w*|complain\\w*|claim\\w*|reclamation\\w*|grievance\\w*)\\b");
    private static final Pattern FEEDBACK = words("\\b(reviews?|feedback|opinions?|comments?|rating|testimonial)\\b");
    private static final Pattern ORDER_EDIT = words(
            "\\b(add|remov|delet|swap|chang|edit|replac|correct)\\w*\\b.{0,40}\\b(items?|products?|something|"
                    + "articles?|things?)\\b.{0,25}\\b(order|purchase|cart|basket)\\b");
    private static final Pattern PASSWORD = words("\\b(password|passcode|pass|pin|key)\\b");
    private static final Pattern INVOICE = words("\\b(invoices?|bills?|receipts?)\\b");
    private static final Pattern ACCOUNT_EDIT = words(
            "\\b(edit|update|change|modify|create|open|new|switch|use)\\w*\\b.{0,30}\\b(account|profile)\\b");
    private static final Pattern ORDER_FIX = words("\\b(correct|fix|modify|update|change|edit)\\w*\\s+(my |the )?"
            + "(order|purchase)\\b");

    /** The rules' keywords, so that a typo ("cancfel", "reimbvurse") still reads as the word it meant. */
    private static final Set<String> KEYWORDS = Set.of("cancel", "cancels", "cancelled", "canceled", "cancelling",
            "canceling", "cancellation", "cancellations", "close", "closing", "closure", "delete", "deleting",
            "deletion", "deletions", "remove", "removing", "removal", "removals", "terminate", "termination",
            "unsubscribe", "refund", "refunds", "refunded", "reimburse", "reimbursement", "reimbursements",
            "compensation", "compensations", "rebate", "rebates", "restitution", "repayment", "policy", "policies",
            "guarantee", "newsletter", "newsletters", "complaint", "complaints", "complain", "reclamation",
            "grievance", "account", "purchase", "subscription", "membership", "someone", "somebody", "assistant",
            "representative", "operator", "human", "person", "agent", "situations", "circumstances", "cases",
            "conditions", "invoice", "invoices", "feedback", "review", "opinion", "support", "service");
    private static final LevenshteinDistance ONE_EDIT = new LevenshteinDistance(1);
    private static final Pattern TOKEN = Pattern.compile("\\p{L}+");

    // Japanese
    private static final Pattern JA_REFUND = words("返金|払い戻し|払戻|お金を返|返して(ほしい|欲しい|ください)");
    private static final Pattern JA_CANCEL = words("キャンセル|解約|退会|アカウント.{0,6}削除|削除して|停止|自動更新.{0,8}(止|やめ|オフ)");
    private static final Pattern JA_POLICY = words("ポリシー|規約|手数料|条件|どれくらい|どのくらい|何日|期間|場合|とは");
    private static final Pattern JA_REQUEST = words(
            "たい|して|ください|下さい|お願い|希望|まだ|いつ|ほしい|欲しい|もらえ|したく|繋いで|つないで|代わって|かわって|呼んで");
    private static final Pattern JA_PERSON = words(
            "(人間|担当者|担当の方|オペレーター|スタッフ|係の人|有人|人と|生身|誰か)");
    private static final Pattern JA_COMPLAINT = words("苦情|クレーム|抗議");
    private static final Pattern JA_CUSTOMER_SERVICE = words("営業時間|電話番号|問い合わせ先|窓口");
    private static final Pattern JA_HOW_TO = words("お客様が|顧客が|会員が|ポイントを(取り消|返|戻)");

    private IntentRules() {}

    static List<Hit> english(String text) {
        Reading read = new Reading(correctTypos(CustomerText.bounded(text).toLowerCase(Locale.ROOT)));
        List<Hit> hits = new ArrayList<>();
        boolean policy = read.has(POLICY);
        boolean editsOrder = read.has(ORDER_EDIT) || read.has(ORDER_FIX);
        boolean person = read.has(PERSON);
        if (read.has(NEWSLETTER)) {
            hits.add(new Hit(NONE, 0.4, "about the newsletter"));
            return hits;
        }
        if (policy && (read.has(REFUND_WORD) || read.has(CANCEL_VERB))) {
            hits.add(new Hit(NONE, 0.35, "asks about a policy (\"" + read.first(POLICY) + "\")"));
        } else {
            if (read.has(REFUND_WORD)) {
                hits.add(new Hit("refund", 0.3, "asks for money back (\"" + read.first(REFUND_WORD) + "\")"));
            }
            if (!editsOrder && read.has(CANCEL_VERB) && read.has(CANCEL_OBJECT)) {
                hits.add(new Hit("cancel", 0.3, "asks to " + read.first(CANCEL_VERB) + " their "
                        + read.first(CANCEL_OBJECT)));
            }
        }
        if (editsOrder) {
            hits.add(new Hit(NONE, 0.3, "wants to change items of an order"));
        }
        if (person) {
            hits.add(new Hit("human", 0.35, "asks for a person (\"" + read.first(PERSON) + "\")"));
        } else if (read.has(CUSTOMER_SERVICE)) {
            hits.add(new Hit(NONE, 0.3, "asks how to reach customer service"));
        }
        if (read.has(COMPLAINT_WORD)) {
            hits.add(new Hit("complaint", 0.3, "wants to complain (\"" + read.first(COMPLAINT_WORD) + "\")"));
        } else if (read.has(FEEDBACK)) {
            hits.add(new Hit(NONE, 0.3, "wants to give feedback"));
        }
        if (read.has(PASSWORD) && !read.has(CANCEL_OBJECT)) {
            hits.add(new Hit(NONE, 0.2, "about a password"));
        }
        if (read.has(INVOICE) && !read.has(REFUND_WORD)) {
            hits.add(new Hit(NONE, 0.3, "about an invoice"));
        }
        if (read.has(ACCOUNT_EDIT) && !read.has(CANCEL_VERB)) {
            hits.add(new Hit(NONE, 0.3, "wants to change an account's details"));
        }
        return hits;
    }

    /** Replaces words one letter away from a keyword by the keyword; short words are left as they are. */
    static String correctTypos(String lower) {
        Matcher token = TOKEN.matcher(lower);
        StringBuilder corrected = new StringBuilder();
        while (token.find()) {
            String word = token.group();
            String replacement = word;
            if (word.length() >= 5 && !KEYWORDS.contains(word)) {
                for (String keyword : KEYWORDS) {
                    if (Math.abs(keyword.length() - word.length()) <= 1 && ONE_EDIT.apply(keyword, word) != -1) {
                        replacement = keyword;
                        break;
                    }
                }
            }
            token.appendReplacement(corrected, Matcher.quoteReplacement(replacement));
        }
        token.appendTail(corrected);
        return corrected.toString();
    }

    static List<Hit> japanese(String text) {
        Reading read = new Reading(CustomerText.bounded(text));
        List<Hit> hits = new ArrayList<>();
        boolean request = read.has(JA_REQUEST);
        if (read.has(JA_HOW_TO)) {
            hits.add(new Hit(NONE, 0.4, "asks how the product works (\"" + read.first(JA_HOW_TO) + "\")"));
            return hits;
        }
        if (read.has(JA_POLICY) && (read.has(JA_REFUND) || read.has(JA_CANCEL))) {
            hits.add(new Hit(NONE, 0.4, "asks about a policy (\"" + read.first(JA_POLICY) + "\")"));
        } else if (request) {
            if (read.has(JA_REFUND)) {
                hits.add(new Hit("refund", 0.4, "asks for a refund (\"" + read.first(JA_REFUND) + "\")"));
            }
            if (read.has(JA_CANCEL)) {
                hits.add(new Hit("cancel", 0.4, "asks to cancel (\"" + read.first(JA_CANCEL) + "\")"));
            }
        }
        if (read.has(JA_PERSON) && request) {
            hits.add(new Hit("human", 0.4, "asks for a person (\"" + read.first(JA_PERSON) + "\")"));
        } else if (read.has(JA_CUSTOMER_SERVICE)) {
            hits.add(new Hit(NONE, 0.3, "asks how to reach support"));
        }
        if (read.has(JA_COMPLAINT)) {
            hits.add(new Hit("complaint", 0.4, "wants to complain (\"" + read.first(JA_COMPLAINT) + "\")"));
        }
        return hits;
    }

    /** One text as the rules read it: each pattern runs over it once, however many rules ask about it. */
    private static final class Reading {
        private final String text;
        private final Map<Pattern, Optional<String>> firstMatches = new HashMap<>();

        Reading(String text) {
            this.text = text;
        }

        boolean has(Pattern pattern) {
            return first(pattern) != null;
        }

        /** The pattern's first match in the text, or null. */
        String first(Pattern pattern) {
            return firstMatches.computeIfAbsent(pattern, p -> {
                Matcher matcher = p.matcher(text);
                return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
            }).orElse(null);
        }
    }
}
