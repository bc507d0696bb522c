package dev.baton.widget;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.access.TrustedProxies;
import dev.baton.conversation.AppendResult;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.conversation.Seq;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.event.Signal;
import dev.baton.event.Signals;
import dev.baton.handoff.HandoffService;
import dev.baton.kb.Language;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Header;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer socket, {@code /ws/chat}: decodes each frame, counts it against the connection's and the client
 * address's budget for its kind (ChatLimits), calls the conversation service, answers. A bad or an over-limit frame
 * gets an {@code error} frame and changes nothing; the connection stays open.
 */
public final class ChatEndpoint {
    private static final Logger log = LoggerFactory.getLogger(ChatEndpoint.class);

    private final ConversationService conversations;
    private final HandoffService handoffs;
    private final Signals signals;
    private final ChatSessions sessions;
    private final ObjectMapper json;
    private final FrameReader reader;
    private final IdentityTokens identities;
    private final OriginPolicy origins;
    private final TrustedProxies proxies;
    private final ChatLimits limits;
    private final AddressBudgets<FrameBudget> addresses;
    private final Map<String, ChatSocket> sockets = new ConcurrentHashMap<>();

    /**
     * @param proxies whose X-Forwarded-For tells the client's address (for the limits per address)
     */
    public ChatEndpoint(ConversationService conversations, HandoffService handoffs, Signals signals,
            ChatSessions sessions, ObjectMapper json, ChatLimits limits, IdentityTokens identities,
            OriginPolicy origins, TrustedProxies proxies) {
        this.conversations = conversations;
        this.handoffs = handoffs;
        this.signals = signals;
        this.sessions = sessions;
        this.json = json;
        this.reader = new FrameReader(json, limits);
        this.identities = identities;
        this.origins = origins;
        this.proxies = proxies;
        this.limits = limits;
        this.addresses = AddressBudgets.frames(limits);
    }

    /** Refuses the upgrade (403) to pages whose origin is not allowed to embed the messenger. */
    public void beforeUpgrade(Context ctx) {
        if (!origins.allows(ctx.header(Header.ORIGIN), ctx.header(Header.HOST))) {
            throw new ForbiddenResponse("This site may not open Baton's messenger; add its origin to "
                    + "BATON_ALLOWED_ORIGINS.");
        }
    }

    public void configure(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onMessage(this::received);
        ws.onBinaryMessage(this::receivedBinary);
        ws.onClose(this::closed);
        ws.onError(this::failed);
    }

    private void connected(WsConnectContext ctx) {
        // Pings keep proxies from closing a quiet chat and let us notice dead connections.
        ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
        String client = proxies.clientAddress(peerOf(ctx), ctx.header("X-Forwarded-For"));
        sockets.put(ctx.sessionId(), new ChatSocket(ctx, json.writerFor(ServerFrame.class), client,
                new FrameBudget(limits::perConnection)));
    }

    private static String peerOf(WsConnectContext ctx) {
        SocketAddress remote = ctx.session.getRemoteSocketAddress();
        if (remote instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return String.valueOf(remote);
    }

    private void received(WsMessageContext ctx) {
        ChatSocket socket = sockets.get(ctx.sessionId());
        try {
            ClientFrame frame;
            try {
                frame = reader.read(ctx.message());
            } catch (FrameRefused unreadable) {
                admit(socket, FrameKind.INVALID, unreadable.clientMsgId());
                throw unreadable;
            }
            admit(socket, FrameKind.of(frame),
                    frame instanceof ClientFrame.SendMessage message ? message.clientMsgId() : null);
            if (frame instanceof ClientFrame.Hello hello) {
                hello(socket, hello);
            } else if (frame instanceof ClientFrame.SendMessage message) {
                message(socket, message);
            } else if (frame instanceof ClientFrame.RequestHuman) {
                requestHuman(socket);
            } else if (frame instanceof ClientFrame.Feedback feedback) {
                feedback(socket, feedback);
            } else if (frame instanceof ClientFrame.Pick pick) {
                pick(socket, pick);
            } else if (frame instanceof ClientFrame.Typing typing) {
                signals.publish(Signal.typing(followed(socket), "customer", null, null, typing.typing()));
            } else if (frame instanceof ClientFrame.Csat csat) {
                rate(socket, csat);
            } else if (frame instanceof ClientFrame.Contact contact) {
                leaveEmail(socket, contact);
            } else if (frame instanceof ClientFrame.Read read) {
                // Stored only when it moves the customer's read position forward; no answer either way.
                withinBudget(conversations.customerRead(followed(socket), read.seq()), null);
            }
        } catch (FrameRefused refused) {
            socket.send(refused.toFrame());
        } catch (RuntimeException e) {
            log.error("Chat frame failed on session {}", ctx.sessionId(), e);
            socket.send(new ServerFrame.Error("unavailable", "The message could not be handled right now; "
                    + "send it again in a moment.", null, null));
        }
    }

    /** No binary frame is part of the protocol: refused like any other bad frame, and the connection stays. */
    private void receivedBinary(WsBinaryMessageContext ctx) {
        ChatSocket socket = sockets.get(ctx.sessionId());
        if (socket == null) {
            return;
        }
        try {
            admit(socket, FrameKind.INVALID, null);
            socket.send(new ServerFrame.Error("bad_json", "Frames are JSON text; a binary frame is not part of the "
                    + "protocol.", null, null));
        } catch (FrameRefused refused) {
            socket.send(refused.toFrame());
        }
    }

    /**
     * Counts the frame against the connection's budget, then the client address's: refused (rate_limited, with when
     * to try again) when either is spent.
     */
    private void admit(ChatSocket socket, FrameKind kind, String clientMsgId) {
        long wait = socket.admit(kind);
        if (wait == 0) {
            wait = addresses.admit(socket.clientAddress(), budget -> budget.admit(kind));
        }
        if (wait > 0) {
            throw FrameRefused.rateLimited("Too many frames of this kind (" + kind.name().toLowerCase(Locale.ROOT)
                    + ") in a short time; send it again in " + seconds(wait) + ".", clientMsgId, wait);
        }
    }

    /** Refuses with rate_limited when the write found the conversation's budget of this minute spent. */
    private static AppendResult withinBudget(AppendResult result, String clientMsgId) {
        if (result.status() == AppendResult.Status.RATE_LIMITED) {
            throw FrameRefused.rateLimited("This conversation has taken in too much in the last minute; send it "
                    + "again in " + seconds(result.retryAfterMillis()) + ".", clientMsgId, result.retryAfterMillis());
        }
        return result;
    }

    private static String seconds(long millis) {
        long seconds = Math.max(1, (millis + 999) / 1000);
        return seconds + (seconds == 1 ? " second" : " seconds");
    }

    private void hello(ChatSocket socket, ClientFrame.Hello hello) {
        if (socket.conversationId() != null) {
            throw new FrameRefused("already_started", "This connection already follows a conversation; "
                    + "open a new connection for another one.");
        }
        Customer customer = customerOf(hello);
        Conversation conversation;
        String resumeToken;
        if (hello.conversationId() == null) {
            // A verified user on a new device continues their latest conversation, history and all.
            var latest = customer.verified() ? conversations.ofCustomer(customer, hello.visitorId(), 1).stream()
                    .findFirst() : Optional.<Conversation>empty();
            if (latest.isPresent()) {
                conversation = latest.get();
                resumeToken = null;
                conversations.identify(conversation.id(), customer);
            } else {
                var started = conversations.start(hello.visitorId(), hello.locale(), customer);
                conversation = started.conversation();
                resumeToken = started.resumeToken();
            }
        } else {
            conversation = resumed(hello, customer);
            resumeToken = hello.resumeToken();
            if (Seq.compare(hello.lastSeq(), conversation.lastSeq()) > 0) {
                throw new FrameRefused("invalid_field", "\"lastSeq\" is ahead of this conversation.");
            }
            // What the page states never overwrites what the product vouched for.
            boolean storedVerified = conversation.customer() != null && conversation.customer().verified();
            if (hello.identity() != null && (customer.verified() || !storedVerified)) {
                conversations.identify(conversation.id(), customer);
            }
        }
        String id = conversation.id();
        String greetName = customer.verified() ? customer.firstName() : null;
        // A lastSeq only means something for the conversation it came from.
        String after = hello.conversationId() == null ? null : hello.lastSeq();
        socket.reply(() -> {
            // Follow live events before reading the log: an event stored in between is then either in what we
            // read or held back and sent after the welcome, and the socket drops anything it already sent.
            sessions.add(id, socket);
            try {
                List<LoggedEvent> missed = conversations.eventsAfter(id, after);
                String last = missed.isEmpty() ? after : missed.get(missed.size() - 1).seq();
                return new ChatSocket.Reply(new ServerFrame.Welcome(id, resumeToken, conversation.owner(),
                        messages(missed), joined(missed), greetName, conversation.handling().csatRating()), id, last);
            } catch (RuntimeException e) {
                sessions.remove(id, socket);
                throw e;
            }
        });
    }

    /** The messages of the log as the customer sees them (the same as live, see {@link ChatSessions}). */
    private static List<Message> messages(List<LoggedEvent> events) {
        return events.stream()
                .map(ChatSessions::customerFrame)
                .filter(frame -> frame instanceof ServerFrame.MessageEvent)
                .map(frame -> ((ServerFrame.MessageEvent) frame).message())
                .toList();
    }

    /** The "joined" lines of the log, as the customer saw them live. */
    private static List<ServerFrame.AgentJoinedFrame> joined(List<LoggedEvent> events) {
        return events.stream()
                .map(ChatSessions::customerFrame)
                .filter(frame -> frame instanceof ServerFrame.AgentJoinedFrame)
                .map(frame -> (ServerFrame.AgentJoinedFrame) frame)
                .toList();
    }

    /**
     * The conversation to resume: by its resume token on the device that started it, or by a verified identity
     * for a conversation stored as that same user's.
     */
    private Conversation resumed(ClientFrame.Hello hello, Customer customer) {
        var byToken = hello.resumeToken() == null ? Optional.<Conversation>empty()
                : conversations.resume(hello.conversationId(), hello.resumeToken());
        var conversation = byToken.isPresent() || !customer.verified() ? byToken
                : conversations.resumeAsUser(hello.conversationId(), customer.userId());
        Customer stored = conversation.map(Conversation::customer).orElse(null);
        // A verified user's conversation opens only to that same verified user, token or not: on a shared browser
        // the next visitor may find the last one's resume token in storage.
        boolean notThatUser = stored != null && stored.verified()
                && !(customer.verified() && stored.userId().equals(customer.userId()));
        if (conversation.isEmpty() || notThatUser) {
            throw new FrameRefused("resume_refused", "This conversation can't be resumed with that token; send "
                    + "hello without conversationId to start a new one.");
        }
        return conversation.get();
    }

    /**
     * Who the customer is: verified from a signed token; otherwise what the page states, not verified (refused
     * when this Baton requires verified identities).
     */
    private Customer customerOf(ClientFrame.Hello hello) {
        ClientFrame.Identity identity = hello.identity();
        if (identity != null && identity.token() != null) {
            return identities.verify(identity.token(), hello.visitorId(), hello.locale());
        }
        if (identities.required()) {
            throw new FrameRefused("identity_required", "This site asks Baton to verify who you are; sign in "
                    + "to the product again.");
        }
        if (identity == null) {
            return Customer.visitor(hello.visitorId(), hello.locale());
        }
        return new Customer(hello.visitorId(), false, identity.userId(), identity.name(), identity.email(), null,
                Map.of(), hello.locale());
    }

    private static String followed(ChatSocket socket) {
        String conversationId = socket.conversationId();
        if (conversationId == null) {
            throw new FrameRefused("hello_required", "Send hello first.");
        }
        return conversationId;
    }

    private String languageOf(String conversationId) {
        return conversations.find(conversationId).map(c -> Language.fromLocale(c.locale())).orElse(Language.ENGLISH);
    }

    private void requestHuman(ChatSocket socket) {
        String conversationId = followed(socket);
        String language = languageOf(conversationId);
        // Already with the team: nothing is written, the customer sees the status they have.
        handoffs.requestPerson(conversationId, language).ifPresent(result -> withinBudget(result, null));
    }

    private void rate(ChatSocket socket, ClientFrame.Csat csat) {
        if (!withinBudget(conversations.rate(followed(socket), csat.rating(), csat.comment()), null).stored()) {
            throw new FrameRefused("not_resolved", "A rating is for a resolved conversation.");
        }
    }

    private void leaveEmail(ChatSocket socket, ClientFrame.Contact contact) {
        String conversationId = followed(socket);
        handoffs.leaveEmail(conversationId, contact.email(), languageOf(conversationId))
                .ifPresent(result -> withinBudget(result, null));
    }

    private void feedback(ChatSocket socket, ClientFrame.Feedback feedback) {
        String conversationId = followed(socket);
        var result = conversations.addFeedback(conversationId, feedback.seq(), feedback.helpful());
        if (result.isEmpty()) {
            throw new FrameRefused("invalid_field", "\"seq\" is not a bot message of this conversation.");
        }
        withinBudget(result.get(), null);
    }

    private void pick(ChatSocket socket, ClientFrame.Pick pick) {
        var result = conversations.addPick(followed(socket), pick.seq(), pick.articleId());
        if (result.isEmpty()) {
            throw new FrameRefused("invalid_field", "\"seq\" is not a bot message of this conversation offering "
                    + "that article.");
        }
        withinBudget(result.get(), null);
    }

    private void message(ChatSocket socket, ClientFrame.SendMessage message) {
        String conversationId = socket.conversationId();
        if (conversationId == null) {
            throw new FrameRefused("hello_required", "Send hello before messages.", message.clientMsgId());
        }
        socket.reply(() -> {
            AppendResult result;
            try {
                result = conversations.addCustomerMessage(conversationId, message.clientMsgId(), message.text());
            } catch (RuntimeException e) {
                log.error("Could not store a message in conversation {}", conversationId, e);
                throw new FrameRefused("unavailable", "The message could not be stored right now; send it again "
                        + "in a moment.", message.clientMsgId());
            }
            withinBudget(result, message.clientMsgId());
            if (!result.stored()) {
                throw new FrameRefused("conversation_gone", "This conversation no longer exists; send hello "
                        + "without conversationId to start a new one.", message.clientMsgId());
            }
            return ChatSocket.Reply.of(new ServerFrame.Ack(message.clientMsgId(), result.seq()));
        });
    }

    private void closed(WsCloseContext ctx) {
        ChatSocket socket = sockets.remove(ctx.sessionId());
        if (socket != null && socket.conversationId() != null) {
            sessions.remove(socket.conversationId(), socket);
        }
    }

    private void failed(WsErrorContext ctx) {
        log.debug("Chat socket {} failed: {}", ctx.sessionId(), String.valueOf(ctx.error()));
    }
}
