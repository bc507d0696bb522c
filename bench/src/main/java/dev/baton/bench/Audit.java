package dev.baton.bench;

import dev.baton.conversation.ConversationStore;
import dev.baton.conversation.Role;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageAnalyzed;
import dev.baton.event.MessageCreated;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares what customers sent and saw with what Redis stored, after a run: the figures of a fault. Every figure is
 * read from the conversation logs themselves, so nothing a client believed can hide a loss.
 */
final class Audit {
    private final Map<String, Integer> answersByClientMsgId = new HashMap<>();
    private final Map<String, Integer> turnsByClientMsgId = new HashMap<>();
    private Figures figures = Figures.NONE;

    /**
     * @param sent customer messages the customers tried to send (each counted once, however often resent)
     * @param acked of those, acknowledged by a server
     * @param lost acknowledged but not in the log
     * @param unacked never acknowledged (the customer gave up or was refused)
     * @param duplicated stored more than once
     * @param ackMismatch acked with a seq other than the one stored, or with two different seqs
     * @param outOfOrder conversations whose customer messages are stored in another order than they were sent
     * @param stored messages of every author in the logs
     * @param delivered of those, received by their customer (live or in a welcome) at least once
     * @param missed stored but never received by the customer
     * @param deliveredTwice received more than once by the same customer
     * @param answeredOnce customer messages followed by exactly one bot (or handoff) message, by position in the log
     * @param answeredTwice followed by more than one
     * @param unanswered followed by none
     * @param turnsRunTwice customer messages the bot analysed (ran a turn for) more than once
     */
    record Figures(int sent, int acked, int lost, int unacked, int duplicated, int ackMismatch, int outOfOrder,
            int stored, int delivered, int missed, int deliveredTwice, int answeredOnce, int answeredTwice,
            int unanswered, int turnsRunTwice) {
        static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        Figures plus(Figures o) {
            return new Figures(sent + o.sent, acked + o.acked, lost + o.lost, unacked + o.unacked,
                    duplicated + o.duplicated, ackMismatch + o.ackMismatch, outOfOrder + o.outOfOrder,
                    stored + o.stored, delivered + o.delivered, missed + o.missed, deliveredTwice + o.deliveredTwice,
                    answeredOnce + o.answeredOnce, answeredTwice + o.answeredTwice, unanswered + o.unanswered,
                    turnsRunTwice + o.turnsRunTwice);
        }

        /** Nothing acknowledged lost, nothing stored or delivered twice, order kept, everything delivered. */
        boolean clean() {
            return lost == 0 && duplicated == 0 && ackMismatch == 0 && outOfOrder == 0 && missed == 0
                    && deliveredTwice == 0 && unacked == 0;
        }
    }

    static Audit of(Collection<Customer> customers, ConversationStore store) {
        Audit audit = new Audit();
        customers.forEach(customer -> customer.conversations().forEach(c -> audit.check(c, store.eventsAfter(c.id,
                null))));
        return audit;
    }

    Figures figures() {
        return figures;
    }

    /**
     * How many of these customer messages were followed by exactly one answer, more than one, none. (By position:
     * a late second answer counts against the question it lands after.)
     */
    Answers answersTo(Set<String> clientMsgIds) {
        return Answers.of(clientMsgIds, answersByClientMsgId);
    }

    /**
     * How many of these customer messages had their bot turn run once, more than once, never: a turn writes its
     * analysis of the message (naming the message's seq) before it answers, so the analyses say which message a
     * turn was for, wherever its answer landed.
     */
    Answers turnsFor(Set<String> clientMsgIds) {
        return Answers.of(clientMsgIds, turnsByClientMsgId);
    }

    record Answers(int once, int more, int none) {
        static Answers of(Set<String> clientMsgIds, Map<String, Integer> counts) {
            int once = 0;
            int more = 0;
            int none = 0;
            for (String id : clientMsgIds) {
                int n = counts.getOrDefault(id, 0);
                if (n == 1) {
                    once++;
                } else if (n > 1) {
                    more++;
                } else {
                    none++;
                }
            }
            return new Answers(once, more, none);
        }
    }

    private void check(Customer.Conversation conversation, List<LoggedEvent> log) {
        List<LoggedEvent> messages = log.stream().filter(e -> e.event() instanceof MessageCreated).toList();
        Map<String, List<String>> storedSeqs = new HashMap<>();
        List<String> storedOrder = new ArrayList<>();
        for (LoggedEvent logged : messages) {
            MessageCreated created = (MessageCreated) logged.event();
            if (created.author().role() == Role.CUSTOMER && created.clientMsgId() != null) {
                storedSeqs.computeIfAbsent(created.clientMsgId(), id -> new ArrayList<>()).add(logged.seq());
                storedOrder.add(created.clientMsgId());
            }
        }
        int acked = 0;
        int lost = 0;
        int unacked = 0;
        int duplicated = 0;
        int ackMismatch = 0;
        List<String> sentOrder = new ArrayList<>();
        for (Customer.Sent sent : conversation.sent) {
            List<String> seqs = storedSeqs.getOrDefault(sent.clientMsgId, List.of());
            if (sent.ackSeq != null) {
                acked++;
                lost += seqs.isEmpty() ? 1 : 0;
                boolean sameSeq = seqs.isEmpty() || seqs.get(0).equals(sent.ackSeq);
                ackMismatch += sameSeq && sent.inconsistentAcks == 0 ? 0 : 1;
            } else {
                unacked++;
            }
            duplicated += seqs.size() > 1 ? 1 : 0;
            if (!seqs.isEmpty()) {
                sentOrder.add(sent.clientMsgId);
            }
        }
        boolean inOrder = storedOrder.stream().distinct().toList().equals(sentOrder);

        int delivered = 0;
        int missed = 0;
        int deliveredTwice = 0;
        for (LoggedEvent logged : messages) {
            Customer.Delivery delivery = conversation.deliveries.get(logged.seq());
            int times = delivery == null ? 0 : delivery.times;
            delivered += times > 0 ? 1 : 0;
            missed += times == 0 ? 1 : 0;
            deliveredTwice += times > 1 ? 1 : 0;
        }

        Map<String, Integer> analyses = new HashMap<>();
        log.stream().filter(e -> e.event() instanceof MessageAnalyzed).forEach(e -> analyses.merge(
                ((MessageAnalyzed) e.event()).messageSeq(), 1, Integer::sum));
        int turnsRunTwice = 0;
        int once = 0;
        int twice = 0;
        int none = 0;
        for (int i = 0; i < messages.size(); i++) {
            MessageCreated created = (MessageCreated) messages.get(i).event();
            if (created.author().role() != Role.CUSTOMER) {
                continue;
            }
            int answers = 0;
            for (int j = i + 1; j < messages.size(); j++) {
                Role role = ((MessageCreated) messages.get(j).event()).author().role();
                if (role == Role.CUSTOMER) {
                    break;
                }
                answers += role == Role.BOT || role == Role.SYSTEM ? 1 : 0;
            }
            String clientMsgId = Objects.requireNonNullElse(created.clientMsgId(), "?");
            answersByClientMsgId.put(clientMsgId, answers);
            int turns = analyses.getOrDefault(messages.get(i).seq(), 0);
            turnsByClientMsgId.put(clientMsgId, turns);
            turnsRunTwice += turns > 1 ? 1 : 0;
            if (answers == 1) {
                once++;
            } else if (answers > 1) {
                twice++;
            } else {
                none++;
            }
        }
        figures = figures.plus(new Figures(conversation.sent.size(), acked, lost, unacked, duplicated, ackMismatch,
                inOrder ? 0 : 1, messages.size(), delivered, missed, deliveredTwice, once, twice, none, turnsRunTwice));
    }
}
