package dev.baton.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.baton.conversation.ConversationService;
import dev.baton.conversation.ConversationStore;
import dev.baton.conversation.Customer;
import dev.baton.store.Json;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisKeys;
import dev.baton.testing.TestRedis;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.AdditionalAnswers;
import redis.clients.jedis.RedisClient;

/** A customer's email into its conversation on a real Redis: one write per email, a gone conversation told. */
class InboundMailServiceTest {
    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final ConversationStore store = mock(ConversationStore.class,
            AdditionalAnswers.delegatesTo(new RedisConversationStore(redis, keys, Json.newMapper())));
    private final ConversationService conversations = new ConversationService(store, "test", Clock.systemUTC());
    private final MailTokens tokens = new MailTokens("a-secret-of-thirty-two-characters!!");
    private final InboundMailService inbound = new InboundMailService(tokens, conversations, store, "test");

    @AfterEach
    void cleanUp() {
        TestRedis.clean(redis, keys);
        redis.close();
    }

    private InboundMail mailTo(String conversationId, boolean bounce) {
        return new InboundMail(bounce ? "MAILER-DAEMON@mx.example" : "kim@example.com",
                List.of(tokens.replyAddress("support@perkful.example", conversationId)), "Re: your refund",
                bounce ? "Status: 5.1.1 user unknown" : "Thanks, got it.", "<m-" + UUID.randomUUID() + "@example>",
                List.of(), bounce);
    }

    @Test
    void a_reply_is_stored_in_one_write_without_looking_its_conversation_up_first() {
        String id = conversations.start("v1", "en", Customer.visitor("v1", "en")).conversation().id();

        var outcome = inbound.receive(mailTo(id, false));

        assertEquals(InboundMailService.Outcome.Kind.STORED, outcome.kind());
        verify(store, never()).find(any());
    }

    @Test
    void a_reply_or_a_bounce_for_a_conversation_that_is_gone_is_told_so() {
        String gone = UUID.randomUUID().toString();

        assertEquals(InboundMailService.Outcome.Kind.GONE, inbound.receive(mailTo(gone, false)).kind());
        assertEquals(InboundMailService.Outcome.Kind.GONE, inbound.receive(mailTo(gone, true)).kind());
    }
}
