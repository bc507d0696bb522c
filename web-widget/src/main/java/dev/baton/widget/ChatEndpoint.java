package dev.baton.widget;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer socket, {@code /ws/chat}: decodes each frame, calls the conversation service, answers. A bad frame
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
    private final Map<String, ChatSocket> sockets = new ConcurrentHashMap<>();

    public ChatEndpoint(ConversationService conversations, HandoffService handoffs, Signals signals,
            ChatSessions sessions, ObjectMapper json, ChatLimits limits) {
        this.conversations = conversations;
        this.handoffs = handoffs;
        this.signals = signals;
        this.sessions = sessions;
        this.json = json;
        this.reader = new FrameReader(json, limits);
    }

    public void configure(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onMessage(this::received);
        ws.onClose(this::closed);
        ws.onError(this::failed);
    }

    private void connected(WsConnectContext ctx) {
        // Pings keep proxies from closing a quiet chat and let us notice dead connections.
        ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
        sockets.put(ctx.sessionId(), new ChatSocket(ctx, json.writerFor(ServerFrame.class)));
    }

    private void received(WsMessageContext ctx) {
        ChatSocket socket = sockets.get(ctx.sessionId());
        try {
            ClientFrame frame = reader.read(ctx.message());
            if (frame instanceof ClientFrame.Hello hello) {
                hello(socket, hello);
            } else if (frame instanceof ClientFrame.SendMessage message) {
                message(socket, message);
            } else if (frame instanceof ClientFrame.RequestHuman) {
                requestHuman(socket);
            } else if (frame instanceof ClientFrame.Feedback feedback) {
                feedback(socket, feedback);
            } else if (frame instanceof ClientFrame.Typing typing) {
                signals.publish(Signal.typing(followed(socket), "customer", null, null, typing.typing()));
            } else if (frame instanceof ClientFrame.Read read) {
                conversations.customerRead(followed(socket), read.seq());
            }
        } catch (FrameRefused refused) {
            socket.send(refused.toFrame());
        } catch (RuntimeException e) {
            log.error("Chat frame failed on session {}", ctx.sessionId(), e);
            socket.send(new ServerFrame.Error("unavailable", "The message could not be handled right now; "
                    + "send it again in a moment.", null));
        }
    }

    private void hello(ChatSocket socket, ClientFrame.Hello hello) {
        if (socket.conversationId() != null) {
            throw new FrameRefused("already_started", "This connection already follows a conversation; "
                    + "open a new connection for another one.");
        }
        Conversation conversation;
        String resumeToken;
        Customer customer = customerOf(hello);
        if (hello.conversationId() == null) {
            var started = conversations.start(hello.visitorId(), hello.locale(), customer);
            conversation = started.conversation();
            resumeToken = started.resumeToken();
        } else {
            conversation = conversations.resume(hello.conversationId(), hello.resumeToken())
                    .orElseThrow(() -> new FrameRefused("resume_refused", "This conversation can't be resumed "
                            + "with that token; send hello without conversationId to start a new one."));
            resumeToken = hello.resumeToken();
            if (Seq.compare(hello.lastSeq(), conversation.lastSeq()) > 0) {
                throw new FrameRefused("invalid_field", "\"lastSeq\" is ahead of this conversation.");
            }
            if (hello.identity() != null) {
                conversations.identify(conversation.id(), customer);
            }
        }
        String id = conversation.id();
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
                        messages(missed)), id, last);
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

    /** Who the host page says the customer is; not verified (signed identities come with their own check). */
    private static Customer customerOf(ClientFrame.Hello hello) {
        ClientFrame.Identity identity = hello.identity();
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

    private void requestHuman(ChatSocket socket) {
        String conversationId = followed(socket);
        String language = conversations.find(conversationId).map(c -> Language.fromLocale(c.locale()))
                .orElse(Language.ENGLISH);
        // Already with the team: nothing to do, the customer sees the status they have.
        handoffs.requestPerson(conversationId, language);
    }

    private void feedback(ChatSocket socket, ClientFrame.Feedback feedback) {
        String conversationId = followed(socket);
        if (conversations.addFeedback(conversationId, feedback.seq(), feedback.helpful()).isEmpty()) {
            throw new FrameRefused("invalid_field", "\"seq\" is not a bot message of this conversation.");
        }
    }

    private void message(ChatSocket socket, ClientFrame.SendMessage message) {
        String conversationId = socket.conversationId();
        if (conversationId == null) {
            throw new FrameRefused("hello_required", "Send hello before messages.", message.clientMsgId());
        }
        if (!socket.mayPost()) {
            throw new FrameRefused("rate_limited", "Too many messages at once; send this one again in a moment.",
                    message.clientMsgId());
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
