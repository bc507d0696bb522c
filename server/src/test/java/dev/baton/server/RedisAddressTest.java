package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.store.Replication;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class RedisAddressTest {

    @Test
    void a_single_redis_acknowledges_once_it_has_the_write() {
        RedisAddress address = RedisAddress.parse("redis://:secret@10.0.0.5:6380/2");

        assertEquals("10.0.0.5", address.redisUri().getHost());
        assertEquals("/2", address.redisUri().getPath());
        assertEquals(Replication.NONE, address.replication());
        assertFalse(address.toString().contains("secret"), address.toString());
    }

    @Test
    void sentinels_name_the_primary_and_writes_wait_for_one_replica_by_default() {
        RedisAddress address = RedisAddress.parse("redis-sentinel://:p%40ss@10.0.0.5:26379,10.0.0.6,sentinel-3:5000/main");

        assertNull(address.redisUri());
        assertEquals("main", address.master());
        assertEquals(Set.of(new HostAndPort("10.0.0.5", 26379), new HostAndPort("10.0.0.6", 26379),
                new HostAndPort("sentinel-3", 5000)), address.sentinels());
        assertEquals("p@ss", address.password());
        assertEquals(new Replication(1, Duration.ofSeconds(1)), address.replication());
        assertFalse(address.toString().contains("p@ss"), address.toString());
    }

    @Test
    void the_replicas_to_wait_for_can_be_chosen() {
        assertEquals(new Replication(2, Duration.ofMillis(250)),
                RedisAddress.parse("redis://db:6379?replicas=2&replica-wait-ms=250").replication());
        assertEquals(Replication.NONE, RedisAddress.parse("redis-sentinel://s:26379/main?replicas=0").replication());
        // Baton's own options are not passed on to Jedis.
        assertNull(RedisAddress.parse("redis://db:6379?replicas=2").redisUri().getQuery());
    }

    @Test
    void the_sentinel_flags_make_the_same_url() {
        assertEquals("redis-sentinel://a:26379,b:26379/main", RedisAddress.sentinelUrl(" a:26379,b:26379 ", "main"));
        assertThrows(IllegalArgumentException.class, () -> RedisAddress.sentinelUrl("a:26379", null));
    }

    @Test
    void a_cluster_is_named_by_some_of_its_masters_and_partitions_its_conversations() {
        RedisAddress address = RedisAddress.parse("redis-cluster://:p%40ss@10.0.0.5:7000,10.0.0.6,node-3:7002");

        assertNull(address.redisUri());
        assertEquals(Set.of(new HostAndPort("10.0.0.5", 7000), new HostAndPort("10.0.0.6", 6379),
                new HostAndPort("node-3", 7002)), address.clusterNodes());
        assertEquals("p@ss", address.password());
        assertEquals(Replication.NONE, address.replication());
        assertEquals(RedisAddress.DEFAULT_PARTITIONS, address.partitions());
        assertEquals(RedisAddress.DEFAULT_PARTITIONS, address.keys("baton").partitions());
        assertFalse(address.toString().contains("p@ss"), address.toString());
        assertEquals(4, RedisAddress.parse(RedisAddress.clusterUrl(" a:7000,b:7001 ", 4)).partitions());
        assertEquals(new Replication(1, Duration.ofSeconds(1)),
                RedisAddress.parse("redis-cluster://a:7000?replicas=1").replication());
        assertEquals(1, RedisAddress.parse("redis://db:6379").keys("baton").partitions(), "one Redis, today's keys");
    }

    @Test
    void what_it_cannot_use_is_refused_with_what_to_write() {
        assertRefused("redis-cluster://a:7000/main", "host:port,host:port");
        assertRefused("redis-cluster://a:7000?partitions=0", "between 1 and 1024");
        assertRefused("redis://db:6379?partitions=16", "partitions are for a Redis Cluster");
        assertRefused("redis-sentinel://a:26379/main?partitions=16", "partitions are for a Redis Cluster");
        assertRefused("http://db:6379", "starts with redis://");
        assertRefused("redis://:6379", "needs a host");
        assertRefused("redis-sentinel://a:26379", "MASTER_NAME");
        assertRefused("redis-sentinel://a:26379/", "MASTER_NAME");
        assertRefused("redis-sentinel://a:port/main", "not a port");
        assertRefused("redis-sentinel://a:70000/main", "not a port");
        assertRefused("redis://db:6379?replicas=two", "whole number");
        assertRefused("redis://db:6379?replicas=-1", "0 or more");
        assertRefused("redis://db:6379?timeout=5", "unknown Redis URL option 'timeout'");
        assertRefused("redis://db 6379", "not a Redis URL");
    }

    private static void assertRefused(String url, String saying) {
        var refused = assertThrows(IllegalArgumentException.class, () -> RedisAddress.parse(url), url);
        assertTrue(refused.getMessage().contains(saying), refused.getMessage());
    }
}
