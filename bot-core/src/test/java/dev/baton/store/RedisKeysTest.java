package dev.baton.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RedisKeysTest {

    @Test
    void one_partition_keeps_the_keys_baton_always_had() {
        RedisKeys keys = new RedisKeys("baton");

        assertEquals("baton:conv:{c1}", keys.conversation("c1"));
        assertEquals("baton:conv:{c1}:log", keys.conversationLog("c1"));
        assertEquals("baton:feed", keys.feed());
        assertEquals("baton:feed", keys.feed(keys.partitionOf("c1")));
        assertEquals("baton:inbox:waiting", keys.inbox("waiting"));
        assertEquals("baton:inbox:agent:ann", keys.agentInbox("ann"));
        assertEquals("baton:conversations", keys.conversationsByCreation());
        assertEquals("baton:visitor:v1", keys.visitorConversations("v1"));
        assertEquals("baton:user:u1", keys.userConversations("u1"));
        assertEquals("baton:agents", keys.agents());
        assertEquals("baton:session:h", keys.session("h"));
    }

    @Test
    void partitions_tag_a_conversations_keys_with_its_partition_and_every_other_key_with_the_namespace() {
        RedisKeys keys = new RedisKeys("baton", 16);
        int partition = keys.partitionOf("c1");

        assertEquals("baton:{baton:p" + partition + "}:conv:c1", keys.conversation("c1"));
        assertEquals("baton:{baton:p" + partition + "}:feed", keys.feed(partition));
        assertEquals("baton:{baton:p3}:inbox:agent:ann", keys.agentInbox("ann", 3));
        assertEquals("{baton}:agents", keys.agents());
        assertEquals("{baton}:reserved:ann", keys.agentReservations("ann"));
        assertEquals(16, IntStream.range(0, 2000).map(i -> keys.partitionOf("c" + i)).distinct().count());
        assertThrows(IllegalStateException.class, keys::feed, "a partitioned layout has no single feed");
        assertThrows(IllegalArgumentException.class, () -> keys.feed(16));
        assertThrows(IllegalArgumentException.class, () -> new RedisKeys("baton", 0));
    }
}
