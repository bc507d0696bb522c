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
 * Word patterns that help tell a request from a question about it, in English and Japanese. Each rule that matches
 * is a named feature of the intent model (it speaks for a class: a request to cancel, a refund, a complaint, a
 * person, or a question), with the words of the message that made it; one of them, a how-to question about the
 * customer's own customers, also overrides the model. The patterns are RE2/J's (linear time, whatever the message)
 * and read one message's worth of text at most.
 */
final class IntentRules {
    static final String NONE = "none";

    /** A rule that matched: the class it speaks for, its name, and the words of the message that made it. */
    record Hit(String label, String rule, String phrase) {}

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
    private static final Pattern SALES_CONTACT = words(
            "\\b(account manager|sales (team|rep|reps|representative|contact|person|people|department)|"
                    + "talk to sales|customer success manager|onboarding specialist)\\b");
    private static final Pattern COMPLAINT_EXPRESSION = words(
            "\\b(not acceptable|unacceptable|on you|your fault|your mistake|your error|let us down|let me down|"
                    + "lost (a |an |our |my )?(client|customer|sale|sales|order|orders|money|business|day)|"
                    + "(nobody|no one|no-one) (has )?(responded|answered|replied|got back)|not good enough|"
                    + "disgrace|ridiculous|terrible|awful|shocking|furious|fed up|sick of)\\b");
    /** The customer's own customers: refunding or cancelling for them is a how-to, not a request to us. */
    private static final Pattern THEIR_CUSTOMER = words(
            "\\b(my|our|a|the|her|his|their|this|that) (own )?(customer|customers|customer's|buyer|buyers|"
                    + "buyer's|shopper|shoppers|client|clients|client's)\\b");
    private static final Pattern HOW_TO = words(
            "^((so|and|ok|okay|also|hi|hey),? )?(how|where|what's the way|what is the way) (do|can|should|would|could) "
                    + "(i|we)\\b|^how to\\b");
    /** "if we cancel, ...", "what if I downgrade": a question about what would happen, not the request itself. */
    private static final Pattern CONDITIONAL = words(
            "^((and|so|ok|okay|also|but) )?(if|when|what if|in case|suppose|say)\\b|"
                    + "\\b(if|once|after) (i|we) (cancel|downgrade|switch|stop|close|delete|leave|upgrade|change)");
    private static final Pattern QUESTION_MARK = words("[?？]\\s*$");
    private static final Pattern REQUEST_FORM = words(
            "^(please|pls|plz|kindly)\\b|\\b(please|pls|i want|i'd like|i would like|i need|we want|we'd like|"
                    + "we need|can you|could you|would you|i expect|give me|get me|send me|let me)\\b");
    private static final Pattern QUESTION_FORM = words(
            "^(how|what|when|where|which|who|why|is|are|do|does|can i|can we|can my|will|would)\\b|"
                    + "\\b(how do|how can|how long|how to|what happens|is there|is it possible|do you|does it)\\b");
    /** A clause opened by an auxiliary verb, after a comma or a full stop: "we're 3 people, can we add one". */
    private static final Pattern CLAUSE_QUESTION = words(
            "(^|[,.;:!] ?)(can|could|will|would|is|are|do|does|did|should|shall|has|have) \\p{L}+");
    /** The question blames us ("your update deleted…", "you charged…"): a complaint may well be put as a question. */
    private static final Pattern BLAMES_US = words("\\byour (\\p{L}+ )?(update|app|bug|outage|system|software|tool|"
            + "product|service|team|support|staff)\\b|"
            + "\\byou (guys )?(broke|lost|deleted|wiped|charged|billed|promised)\\b");
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
    private static final Pattern JA_COMPLAINT_EXPRESSION = words(
            "納得(が|は)?(いか|いき|でき)|どう(対応|してくれる|責任)|ありえない|あり得ない|責任|ひどい|酷い|不満|損害|"
                    + "迷惑|おかしい|いい加減|誠意|受け入れられ|無視され");
    private static final Pattern JA_THEIR_CUSTOMER = words("お客様|お客さん|顧客|購入者|買い手");
    private static final Pattern JA_QUESTION = words(
            "方法|やり方|手順|できますか|されますか|なりますか|ありますか|ますか|ですか|どうすれば|どうしたら|どこで|"
                    + "教えて|知りたい|[?？]$");
    private static final Pattern JA_HOW_TO = words("お客様が|顧客が|会員が|ポイントを(取り消|返|戻)");

    private IntentRules() {}

    static List<Hit> english(String text) {
        Reading read = new Reading(correctTypos(CustomerText.bounded(text).toLowerCase(Locale.ROOT)));
        List<Hit> hits = new ArrayList<>();
        boolean editsOrder = read.has(ORDER_EDIT) || read.has(ORDER_FIX);
        read.hit(hits, NEWSLETTER, NONE, "newsletter");
        if (read.has(POLICY) && (read.has(REFUND_WORD) || read.has(CANCEL_VERB))) {
            read.hit(hits, POLICY, NONE, "policy");
        } else {
            read.hit(hits, REFUND_WORD, "refund", "refund_word");
            if (!editsOrder && read.has(CANCEL_OBJECT)) {
                read.hit(hits, CANCEL_VERB, "cancel", "cancel_verb_object");
            }
        }
        if (editsOrder) {
            read.hit(hits, read.has(ORDER_EDIT) ? ORDER_EDIT : ORDER_FIX, NONE, "order_edit");
        }
        if (!read.hit(hits, PERSON, "human", "person_word")) {
            read.hit(hits, CUSTOMER_SERVICE, NONE, "customer_service");
        }
        read.hit(hits, SALES_CONTACT, "human", "sales_contact");
        if (!read.hit(hits, COMPLAINT_WORD, "complaint", "complaint_word")) {
            read.hit(hits, FEEDBACK, NONE, "feedback");
        }
        read.hit(hits, COMPLAINT_EXPRESSION, "complaint", "complaint_expression");
        if (!read.has(CANCEL_OBJECT)) {
            read.hit(hits, PASSWORD, NONE, "password");
        }
        if (!read.has(REFUND_WORD)) {
            read.hit(hits, INVOICE, NONE, "invoice");
        }
        if (!read.has(CANCEL_VERB)) {
            read.hit(hits, ACCOUNT_EDIT, NONE, "account_edit");
        }
        read.hit(hits, THEIR_CUSTOMER, NONE, "their_customer");
        read.hit(hits, CONDITIONAL, NONE, "conditional");
        read.hit(hits, QUESTION_MARK, NONE, "question_mark");
        read.hit(hits, REQUEST_FORM, "request", "request_form");
        read.hit(hits, QUESTION_FORM, NONE, "question_form");
        return hits;
    }

    /**
     * A how-to question about the customer's own customers ("how do I refund one of my buyers"): a question for the
     * knowledge base whatever else it says, so it overrides the model.
     */
    static Optional<String> howToForTheirCustomers(String text) {
        Reading read = new Reading(correctTypos(CustomerText.bounded(text).toLowerCase(Locale.ROOT)));
        return read.has(HOW_TO) && read.has(THEIR_CUSTOMER) ? Optional.of(read.first(THEIR_CUSTOMER))
                : Optional.empty();
    }

    /**
     * A question put as a question ("will my scans be lost?", "can we add one seat?", "is everything gone??") that
     * asks nothing of us in request words ("please", "can you", "I want"), complains in no words of complaint and
     * blames nothing of ours ("your update deleted…"): it is asked to be answered, so only a model that is sure
     * reads a request into it.
     */
    static boolean asksWithoutRequesting(String text) {
        Reading read = new Reading(correctTypos(CustomerText.bounded(text).toLowerCase(Locale.ROOT)));
        return (read.has(QUESTION_FORM) || read.has(CLAUSE_QUESTION) || read.has(QUESTION_MARK))
                && !read.has(REQUEST_FORM) && !read.has(COMPLAINT_EXPRESSION) && !read.has(BLAMES_US);
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
        read.hit(hits, JA_HOW_TO, NONE, "ja_how_to");
        if (read.has(JA_POLICY) && (read.has(JA_REFUND) || read.has(JA_CANCEL))) {
            read.hit(hits, JA_POLICY, NONE, "ja_policy");
        }
        read.hit(hits, JA_REFUND, "refund", "ja_refund");
        read.hit(hits, JA_CANCEL, "cancel", "ja_cancel");
        read.hit(hits, JA_PERSON, "human", "ja_person");
        read.hit(hits, JA_CUSTOMER_SERVICE, NONE, "ja_customer_service");
        read.hit(hits, JA_COMPLAINT, "complaint", "ja_complaint");
        read.hit(hits, JA_COMPLAINT_EXPRESSION, "complaint", "ja_complaint_expression");
        read.hit(hits, JA_THEIR_CUSTOMER, NONE, "ja_their_customer");
        read.hit(hits, JA_REQUEST, "request", "ja_request");
        read.hit(hits, JA_QUESTION, NONE, "ja_question");
        return hits;
    }

    /** One text as the rules read it: each pattern runs over it once, however many rules ask about it. */
    private static final class Reading {
        private final String text;
        private final Map<Pattern, Optional<String>> firstMatches = new HashMap<>();

        Reading(String text) {
            this.text = text;
        }

        /** Adds a hit when the pattern matches; says whether it did. */
        boolean hit(List<Hit> hits, Pattern pattern, String label, String rule) {
            String found = first(pattern);
            if (found != null) {
                hits.add(new Hit(label, rule, found));
            }
            return found != null;
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
