package dev.baton.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.AppendResult;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationStore;
import dev.baton.conversation.ConversationWrite;
import dev.baton.conversation.Owner;
import dev.baton.event.LoggedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/** Conversations in Redis: a hash per conversation, its log as a stream, appends through one Lua script. */
public final class RedisConversationStore implements ConversationStore {
    private static final int PAGE = 1000;
    /** The feed only serves live delivery and short catch-ups; the conversation logs keep everything. */
    private static final long FEED_CAP = 100_000;

    private static final RedisScript WRITE = new RedisScript("write.lua");
    private static final RedisScript KEEP_ALIVE = new RedisScript("keep_alive.lua");

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final EventCodec codec;

    public RedisConversationStore(UnifiedJedis redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.codec = new EventCodec(json);
    }

    @Override
    public void create(Conversation conversation, String resumeTokenHash, Duration ttlUntilFirstEvent) {
        Map<String, String> fields = new HashMap<>();
        fields.put("id", conversation.id());
        fields.put("visitorId", conversation.visitorId());
        fields.put("owner", conversation.owner().wireName());
        fields.put("createdAt", Long.toString(conversation.createdAt()));
        fields.put("resumeTokenHash", resumeTokenHash);
        if (conversation.locale() != null) {
            fields.put("locale", conversation.locale());
        }
        String key = keys.conversation(conversation.id());
        try (var tx = redis.multi()) {
            tx.hset(key, fields);
            tx.expire(key, ttlUntilFirstEvent.toSeconds());
            tx.exec();
        }
    }

    @Override
    public Optional<Conversation> find(String conversationId) {
        Map<String, String> fields = redis.hgetAll(keys.conversation(conversationId));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Conversation(fields.get("id"), fields.get("visitorId"),
                Owner.fromWireName(fields.get("owner")), Long.parseLong(fields.get("createdAt")),
                fields.get("locale"), fields.get("lastSeq")));
    }

    @Override
    public Optional<String> resumeTokenHash(String conversationId) {
        return Optional.ofNullable(redis.hget(keys.conversation(conversationId), "resumeTokenHash"));
    }

    @Override
    public void keepAlive(String conversationId, Duration ttl) {
        KEEP_ALIVE.run(redis, List.of(keys.conversation(conversationId)), List.of(Long.toString(ttl.toSeconds())));
    }

    @Override
    public AppendResult write(ConversationWrite write, String origin) {
        String id = write.conversationId();
        List<String> scriptKeys = List.of(keys.conversation(id), keys.conversationLog(id), keys.clientMessageIds(id),
                keys.feed());
        List<String> args = new ArrayList<>();
        args.add(origin);
        args.add(write.clientMsgId() == null ? "" : write.clientMsgId());
        args.add(write.allowedOwners().isEmpty() ? "" : "," + write.allowedOwners().stream().map(Owner::wireName)
                .collect(Collectors.joining(",")) + ",");
        args.add(write.newOwner() == null ? "" : write.newOwner().wireName());
        args.add(Long.toString(FEED_CAP));
        args.add(Integer.toString(write.fields().size()));
        write.fields().forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        write.events().forEach(event -> args.add(codec.encode(event)));
        @SuppressWarnings("unchecked")
        List<Object> reply = (List<Object>) WRITE.run(redis, scriptKeys, args);
        List<String> values = reply.stream().map(String::valueOf).toList();
        return switch (values.get(0)) {
            case "appended" -> new AppendResult(AppendResult.Status.APPENDED, values.subList(1, values.size()), null);
            case "duplicate" -> new AppendResult(AppendResult.Status.DUPLICATE, values.subList(1, 2), null);
            case "not_owner" -> new AppendResult(AppendResult.Status.NOT_OWNER, List.of(),
                    Owner.fromWireName(values.get(1)));
            case "no_conversation" -> new AppendResult(AppendResult.Status.NO_CONVERSATION, List.of(), null);
            default -> throw new IllegalStateException("write.lua answered " + reply);
        };
    }

    @Override
    public Optional<LoggedEvent> eventAt(String conversationId, String seq) {
        List<StreamEntry> entries = redis.xrange(keys.conversationLog(conversationId), seq, seq, 1);
        return entries.isEmpty() ? Optional.empty()
                : codec.decode(entries.get(0).getID().toString(), entries.get(0).getFields());
    }

    @Override
    public List<LoggedEvent> eventsAfter(String conversationId, String afterSeq) {
        String key = keys.conversationLog(conversationId);
        List<LoggedEvent> events = new ArrayList<>();
        String start = afterSeq == null ? "-" : "(" + afterSeq;
        while (true) {
            List<StreamEntry> page = redis.xrange(key, start, "+", PAGE);
            for (StreamEntry entry : page) {
                codec.decode(entry.getID().toString(), entry.getFields()).ifPresent(events::add);
            }
            if (page.size() < PAGE) {
                return events;
            }
            start = "(" + page.get(page.size() - 1).getID();
        }
    }
}
