package dev.baton.handoff;

import dev.baton.conversation.Customer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the facts an agent would otherwise ask for out of the customer's own words, verbatim: order and invoice
 * numbers, amounts, dates, plan names and email addresses. It never guesses: what is not written is not there.
 */
final class DetailExtractor {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern ORDER = Pattern.compile(
            "(?:\\b(?:order|purchase)\\b|注文)\\s*(?:number|no\\.?|番号)?\\s*[:#]?\\s*([A-Z]*-?\\d[A-Z0-9-]{3,})", FLAGS);
    private static final Pattern HASH_NUMBER = Pattern.compile("(?<![\\p{L}\\d])#(\\d{4,})");
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

    static HandoffContext.Details extract(List<String> customerTexts) {
        Set<String> orders = new LinkedHashSet<>();
        Set<String> invoices = new LinkedHashSet<>();
        Set<String> amounts = new LinkedHashSet<>();
        Set<String> dates = new LinkedHashSet<>();
        Set<String> plans = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        for (String text : customerTexts) {
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

    private static void collect(Pattern pattern, String text, int group, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(group).trim());
        }
    }
}
