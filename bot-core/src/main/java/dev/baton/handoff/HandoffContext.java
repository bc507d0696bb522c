package dev.baton.handoff;

import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import java.util.List;

/**
 * Everything an agent needs to own the problem without asking the customer anything again: who they are, the
 * whole transcript, why the bot handed over and on what evidence, what was detected along the way, what the bot
 * already tried and how the customer took it, the details in the text, and a three-line summary.
 *
 * @param summary three lines: the customer's goal, what was tried, what they want now
 * @param handedOffAt when it entered the queue (epoch ms); the waiting time is measured from here
 */
public record HandoffContext(Customer customer, List<Message> transcript, Reason reason, String trigger,
        List<String> evidence, List<String> intents, List<FrustrationPoint> frustration,
        List<ArticleTried> articlesTried, Details details, List<String> summary, Priority priority,
        long handedOffAt) {

    public HandoffContext {
        transcript = List.copyOf(transcript);
        evidence = List.copyOf(evidence);
        intents = List.copyOf(intents);
        frustration = List.copyOf(frustration);
        articlesTried = List.copyOf(articlesTried);
        summary = List.copyOf(summary);
    }

    /** The frustration score of one customer message. */
    public record FrustrationPoint(String seq, double score, List<String> evidence) {}

    /** An article the bot answered with, how sure it was, and what the customer said of it (null: nothing). */
    public record ArticleTried(String articleId, String title, String url, double confidence, Boolean helpful) {}

    /** Facts pulled from the customer's words, verbatim. */
    public record Details(List<String> orderNumbers, List<String> invoiceNumbers, List<String> amounts,
            List<String> dates, List<String> plans, List<String> emails) {

        public Details {
            orderNumbers = List.copyOf(orderNumbers);
            invoiceNumbers = List.copyOf(invoiceNumbers);
            amounts = List.copyOf(amounts);
            dates = List.copyOf(dates);
            plans = List.copyOf(plans);
            emails = List.copyOf(emails);
        }
    }
}
