package dev.baton.widget;

import dev.baton.conversation.ConversationService;
import dev.baton.conversation.CustomerText;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one customer's client may send on {@code /ws/chat}: how large a frame and a message's text may be; how many
 * frames of each kind, as a token bucket per connection and one shared by all connections from one client address
 * on this node, {@code clientsPerAddress} times as large (customers behind one office or carrier address share it);
 * how many events the customer's writes may add to one conversation per minute, across all its connections and
 * nodes; and how many help-center searches one client may make (each is embedded), shared by its address as the
 * frames are. docs/protocol.md lists the defaults.
 */
public record ChatLimits(int maxFrameChars, int maxTextChars, Map<FrameKind, Rate> perConnection,
        int clientsPerAddress, int conversationEventsPerMinute, Rate helpSearches) {

    /** A burst of up to {@code burst} frames, then {@code perSecond} on average. */
    public record Rate(int burst, double perSecond) {
        public Rate {
            if (burst < 1 || !(perSecond > 0)) {
                throw new IllegalArgumentException("a rate allows one frame at least, and refills");
            }
        }

        Rate times(int clients) {
            return new Rate(burst * clients, perSecond * clients);
        }
    }

    // The help center searches after a pause in typing (widget-home.js): a burst while a query is typed, then one a
    // second on average, as many as the messages a client may send.
    public static final ChatLimits DEFAULTS = new ChatLimits(16_384, CustomerText.MAX_CHARS, defaultRates(), 20,
            ConversationService.CUSTOMER_EVENTS_PER_MINUTE, new Rate(10, 1));

    public ChatLimits {
        if (!perConnection.keySet().containsAll(java.util.EnumSet.allOf(FrameKind.class))) {
            throw new IllegalArgumentException("every kind of frame needs a rate: " + perConnection.keySet());
        }
        if (clientsPerAddress < 1 || conversationEventsPerMinute < 1) {
            throw new IllegalArgumentException("an address has one client at least, a conversation one event");
        }
        perConnection = Map.copyOf(perConnection);
        Objects.requireNonNull(helpSearches, "helpSearches");
    }

    private static Map<FrameKind, Rate> defaultRates() {
        Map<FrameKind, Rate> rates = new EnumMap<>(FrameKind.class);
        // A connection says hello once; a refused hello may be tried again a few times.
        rates.put(FrameKind.HELLO, new Rate(3, 1 / 30.0));
        rates.put(FrameKind.MESSAGE, new Rate(20, 1));
        rates.put(FrameKind.READ, new Rate(30, 2));
        // The widget sends one at most every 3 seconds.
        rates.put(FrameKind.TYPING, new Rate(20, 1));
        rates.put(FrameKind.FEEDBACK, new Rate(10, 1 / 5.0));
        rates.put(FrameKind.CONTACT, new Rate(3, 1 / 60.0));
        rates.put(FrameKind.CSAT, new Rate(5, 1 / 10.0));
        rates.put(FrameKind.REQUEST_HUMAN, new Rate(5, 1 / 10.0));
        rates.put(FrameKind.INVALID, new Rate(10, 1));
        return rates;
    }

    /** The budget of one connection for a kind of frame. */
    Rate perConnection(FrameKind kind) {
        return perConnection.get(kind);
    }

    /** The budget all connections from one address share for a kind of frame. */
    Rate perAddress(FrameKind kind) {
        return perConnection.get(kind).times(clientsPerAddress);
    }

    /** The help-center searches all clients of one address share. */
    Rate helpSearchesPerAddress() {
        return helpSearches.times(clientsPerAddress);
    }

    public ChatLimits withRate(FrameKind kind, Rate rate) {
        Map<FrameKind, Rate> rates = new EnumMap<>(perConnection);
        rates.put(kind, rate);
        return new ChatLimits(maxFrameChars, maxTextChars, rates, clientsPerAddress, conversationEventsPerMinute,
                helpSearches);
    }

    public ChatLimits withClientsPerAddress(int clients) {
        return new ChatLimits(maxFrameChars, maxTextChars, perConnection, clients, conversationEventsPerMinute,
                helpSearches);
    }

    public ChatLimits withConversationEventsPerMinute(int events) {
        return new ChatLimits(maxFrameChars, maxTextChars, perConnection, clientsPerAddress, events, helpSearches);
    }

    public ChatLimits withHelpSearches(Rate rate) {
        return new ChatLimits(maxFrameChars, maxTextChars, perConnection, clientsPerAddress,
                conversationEventsPerMinute, rate);
    }
}
