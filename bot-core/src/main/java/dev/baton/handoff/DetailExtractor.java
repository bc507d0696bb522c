package dev.baton.handoff;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.baton.conversation.Customer;
import dev.baton.conversation.CustomerText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pulls the facts an agent would otherwise ask for out of the customer's own words, verbatim: order and invoice
 * numbers, amounts, dates, plan names and email addresses. It never guesses: what is not written is not there. It
 * reads the latest customer messages only ({@link #MAX_MESSAGES}, {@link #MAX_CHARS} in all), each through
 * linear-time patterns, so a long or hostile transcript costs no more than a few ordinary messages.
 */
final class DetailExtractor {
    /** At most this many of the latest customer messages are read. */
    static final int MAX_MESSAGES = 20;
    /** At most this many characters of them in all: two of the longest messages. */
    static final int MAX_CHARS = 2 * CustomerText.MAX_CHARS;

    private static final int FLAGS = Pattern.CASE_INSENSITIVE;
    private static final Pattern ORDER = Pattern.compile(
            "(?:\\b(?:order|purchase)\\b|注文)\\s*(?:number|no\\.?|番号)?\\s*[:#]?\\s*([A-Z]*-?\\d[A-Z0-9-]{3,})", FLAGS);
    /** A number after a hash that does not stand right after a letter or a digit (RE2 has no lookbehind). */
    private static final Pattern HASH_NUMBER = Pattern.compile("(?:^|[^\\p{L}\\d])#(\\d{4,})");
    private static final Pattern INVOICE = Pattern.compile(
            "(?:\\b(?:invoice|bill|receipt)\\b|請求書)\\s*(?:number|no\\.?|番号)?\\s*[:#]?\\s*([A-Z]*-?\\d[A-Z0-9-]{2,})",
            FLAGS);
    private static final Pattern AMOUNT = Pattern.compile(
            "[$€£¥]\\s?\\d[\\d,]*(?:\\.\\d+)?|\\d[\\d,]*(?:\\.\\d+)?\\s?(?:dollars?|usd|euros?|eur|pounds?|gbp|yen|jpy|円|ドル)",
            FLAGS);
    private static final Pattern DATE = Pattern.compile(
            "\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b"
                    + "|\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.? \\d{1,2}(?:st|nd|rd|th)?"
                    + "(?:,? \\d{4})?\\b|\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
                    + "|nov|dec)[a-z]*\\b|\\b(?:yesterday|today|last (?:week|month|year)|this morning)\\b"
                    + "|\\d{1,2}月\\d{1,2}日|昨日|先週|先月|今朝", FLAGS);
    private static final Pattern PLAN = Pattern.compile(
            "\\b(?:free|growth|pro|enterprise|premium|gold|platinum|basic|standard|starter|business|annual|monthly)"
                    + " (?:plan|account|tier|subscription|membership)\\b|(?:Free|Growth|Pro|Enterprise|年間|月額)プラン",
            FLAGS);

    private DetailExtractor() {}

    /** @param customerTexts the customer's messages, oldest first */
    static HandoffContext.Details extract(List<String> customerTexts) {
        Set<String> orders = new LinkedHashSet<>();
        Set<String> invoices = new LinkedHashSet<>();
        Set<String> amounts = new LinkedHashSet<>();
        Set<String> dates = new LinkedHashSet<>();
        Set<String> plans = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        for (String text : latest(customerTexts)) {
            collect(INVOICE, text, 1, invoices);
            collect(ORDER, text, 1, orders);
            Matcher hash = HASH_NUMBER.matcher(text);
            while (hash.find()) {
                if (!invoices.contains(hash.group(1))) {
                    orders.add(hash.group(1));
                }
            }
            collect(AMOUNT, text, 0, amounts);
            collect(DATE, text, 0, dates);
            collect(PLAN, text, 0, plans);
            collect(Customer.EMAIL, text, 0, emails);
        }
        return new HandoffContext.Details(List.copyOf(orders), List.copyOf(invoices), List.copyOf(amounts),
                List.copyOf(dates), List.copyOf(plans), List.copyOf(emails));
    }

    /** The latest texts within the bounds, each cut to a message's size, oldest first. */
    private static List<String> latest(List<String> texts) {
        List<String> read = new ArrayList<>();
        int chars = 0;
        for (int i = texts.size() - 1; i >= 0 && read.size() < MAX_MESSAGES && chars < MAX_CHARS; i--) {
            String text = CustomerText.bounded(texts.get(i));
            read.add(0, text);
            chars += text.length();
        }
        return read;
    }

    private static void collect(Pattern pattern, String text, int group, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(group).trim());
        }
    }
}
