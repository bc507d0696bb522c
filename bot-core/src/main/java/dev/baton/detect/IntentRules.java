package dev.baton.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Word patterns that tell a request from a question about it, in English and Japanese. Each rule that matches
 * nudges one class up (a request: cancel, refund, complaint, a person) or "none" up (a question about a policy,
 * contacting support, the newsletter, editing an order), and says why in words an agent can check.
 */
final class IntentRules {
    static final String NONE = "none";

    /** A rule that matched: the class it speaks for, how much, and the words that made it. */
    record Hit(String label, double boost, String evidence) {}

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static Pattern words(String regex) {
        return Pattern.compile(regex, FLAGS);
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
        String lower = correctTypos(text.toLowerCase(Locale.ROOT));
        List<Hit> hits = new ArrayList<>();
        boolean policy = POLICY.matcher(lower).find();
        boolean editsOrder = ORDER_EDIT.matcher(lower).find() || ORDER_FIX.matcher(lower).find();
        boolean person = PERSON.matcher(lower).find();
        if (NEWSLETTER.matcher(lower).find()) {
            hits.add(new Hit(NONE, 0.4, "about the newsletter"));
            return hits;
        }
        if (policy && (REFUND_WORD.matcher(lower).find() || CANCEL_VERB.matcher(lower).find())) {
            hits.add(new Hit(NONE, 0.35, "asks about a policy (\"" + found(POLICY, lower) + "\")"));
        } else {
            Matcher refund = REFUND_WORD.matcher(lower);
            if (refund.find()) {
                hits.add(new Hit("refund", 0.3, "asks for money back (\"" + refund.group() + "\")"));
            }
            if (!editsOrder && CANCEL_VERB.matcher(lower).find() && CANCEL_OBJECT.matcher(lower).find()) {
                hits.add(new Hit("cancel", 0.3, "asks to " + found(CANCEL_VERB, lower) + " their "
                        + found(CANCEL_OBJECT, lower)));
            }
        }
        if (editsOrder) {
            hits.add(new Hit(NONE, 0.3, "wants to change items of an order"));
        }
        if (person) {
            hits.add(new Hit("human", 0.35, "asks for a person (\"" + found(PERSON, lower) + "\")"));
        } else if (CUSTOMER_SERVICE.matcher(lower).find()) {
            hits.add(new Hit(NONE, 0.3, "asks how to reach customer service"));
        }
        Matcher complaint = COMPLAINT_WORD.matcher(lower);
        if (complaint.find()) {
            hits.add(new Hit("complaint", 0.3, "wants to complain (\"" + complaint.group() + "\")"));
        } else if (FEEDBACK.matcher(lower).find()) {
            hits.add(new Hit(NONE, 0.3, "wants to give feedback"));
        }
        if (PASSWORD.matcher(lower).find() && !CANCEL_OBJECT.matcher(lower).find()) {
            hits.add(new Hit(NONE, 0.2, "about a password"));
        }
        if (INVOICE.matcher(lower).find() && !REFUND_WORD.matcher(lower).find()) {
            hits.add(new Hit(NONE, 0.3, "about an invoice"));
        }
        if (ACCOUNT_EDIT.matcher(lower).find() && !CANCEL_VERB.matcher(lower).find()) {
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
        List<Hit> hits = new ArrayList<>();
        boolean howTo = JA_HOW_TO.matcher(text).find();
        boolean policy = JA_POLICY.matcher(text).find();
        boolean request = JA_REQUEST.matcher(text).find();
        if (howTo) {
            hits.add(new Hit(NONE, 0.4, "asks how the product works (\"" + found(JA_HOW_TO, text) + "\")"));
            return hits;
        }
        if (policy && (JA_REFUND.matcher(text).find() || JA_CANCEL.matcher(text).find())) {
            hits.add(new Hit(NONE, 0.4, "asks about a policy (\"" + found(JA_POLICY, text) + "\")"));
        } else if (request) {
            if (JA_REFUND.matcher(text).find()) {
                hits.add(new Hit("refund", 0.4, "asks for a refund (\"" + found(JA_REFUND, text) + "\")"));
            }
            if (JA_CANCEL.matcher(text).find()) {
                hits.add(new Hit("cancel", 0.4, "asks to cancel (\"" + found(JA_CANCEL, text) + "\")"));
            }
        }
        if (JA_PERSON.matcher(text).find() && request) {
            hits.add(new Hit("human", 0.4, "asks for a person (\"" + found(JA_PERSON, text) + "\")"));
        } else if (JA_CUSTOMER_SERVICE.matcher(text).find()) {
            hits.add(new Hit(NONE, 0.3, "asks how to reach support"));
        }
        if (JA_COMPLAINT.matcher(text).find()) {
            hits.add(new Hit("complaint", 0.4, "wants to complain (\"" + found(JA_COMPLAINT, text) + "\")"));
        }
        return hits;
    }

    private static String found(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group() : "";
    }
}
