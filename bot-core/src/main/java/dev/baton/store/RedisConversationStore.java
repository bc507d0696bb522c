package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.AppendResult;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationStore;
import dev.baton.conversation.ConversationWrite;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Handling;
import dev.baton.conversation.Owner;
import dev.baton.event.LoggedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final ObjectMapper mapper;

    public RedisConversationStore(UnifiedJedis redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.codec = new EventCodec(json);
        this.mapper = json;
    }

    @Override
    public void create(Conversation conversation, String resumeTokenHash, Duration ttlUntilFirstEvent) {
        Map<String, String> fields = new HashMap<>(customerFields(conversation.customer()));
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
            tx.zadd(keys.visitorConversations(conversation.visitorId()), conversation.createdAt(), conversation.id());
            // The index the KPIs find a date range's conversations in.
            tx.zadd(keys.conversationsByCreation(), conversation.createdAt(), conversation.id());
            if (isVerifiedUser(conversation.customer())) {
                tx.zadd(keys.userConversations(conversation.customer().userId()), conversation.createdAt(),
                        conversation.id());
            }
            tx.exec();
        }
    }

    @Override
    public void identify(String conversationId, Customer customer) {
        String key = keys.conversation(conversationId);
        if (redis.exists(key)) {
            String createdAt = redis.hget(key, "createdAt");
            try (var tx = redis.multi()) {
                // The new identity replaces the old one whole: a field it lacks must not keep an earlier value
                // (a name the page stated must never pass for one the product verified).
                tx.hdel(key, CUSTOMER_FIELDS);
                tx.hset(key, customerFields(customer));
                if (isVerifiedUser(customer)) {
                    tx.zadd(keys.userConversations(customer.userId()),
                            createdAt == null ? 0 : Long.parseLong(createdAt), conversationId);
                }
                tx.exec();
            }
        }
    }

    /** Only a verified user id indexes history: an id the page merely claims must never open another's chats. */
    private static boolean isVerifiedUser(Customer customer) {
        return customer != null && customer.verified() && customer.userId() != null;
    }

    @Override
    public List<Conversation> ofUser(String userId, int limit) {
        return findAll(redis.zrevrange(keys.userConversations(userId), 0, limit - 1L));
    }

    @Override
    public List<Conversation> ofVisitor(String visitorId, int limit) {
        List<String> ids = redis.zrevrange(keys.visitorConversations(visitorId), 0, limit - 1L);
        return findAll(ids);
    }

    private static final String[] CUSTOMER_FIELDS = {"customerVerified", "userId", "customerName", "customerEmail",
            "plan", "customerAttributes"};

    /** The hash fields that hold who the customer is. */
    Map<String, String> customerFields(Customer customer) {
        Map<String, String> fields = new HashMap<>();
        fields.put("customerVerified", Boolean.toString(customer.verified()));
        putIfPresent(fields, "userId", customer.userId());
        putIfPresent(fields, "customerName", customer.name());
        putIfPresent(fields, "customerEmail", customer.email());
        putIfPresent(fields, "plan", customer.plan());
        if (!customer.attributes().isEmpty()) {
            fields.put("customerAttributes", json(customer.attributes()));
        }
        return fields;
    }

    private static void putIfPresent(Map<String, String> fields, String field, String value) {
        if (value != null) {
            fields.put(field, value);
        }
    }

    @Override
    public Optional<Conversation> find(String conversationId) {
        Map<String, String> fields = redis.hgetAll(keys.conversation(conversationId));
        return fields.isEmpty() ? Optional.empty() : Optional.of(conversationOf(fields));
    }

    @Override
    public List<Conversation> findAll(List<String> conversationIds) {
        List<Conversation> found = new ArrayList<>();
        try (var pipeline = redis.pipelined()) {
            List<redis.clients.jedis.Response<Map<String, String>>> responses = conversationIds.stream()
                    .map(id -> pipeline.hgetAll(keys.conversation(id))).toList();
            pipeline.sync();
            for (var response : responses) {
                if (!response.get().isEmpty()) {
                    found.add(conversationOf(response.get()));
                }
            }
        }
        return found;
    }

    private Conversation conversationOf(Map<String, String> f) {
        String visitorId = f.get("visitorId");
        String locale = f.get("locale");
        Customer customer = new Customer(visitorId, Boolean.parseBoolean(f.get("customerVerified")), f.get("userId"),
                f.get("customerName"), f.get("customerEmail"), f.get("plan"), attributes(f.get("customerAttributes")),
                locale);
        String assignee = f.get("assignee") == null || f.get("assignee").isEmpty() ? null : f.get("assignee");
        Handling handling = new Handling(assignee, f.get("team"), f.get("priority"), f.get("reason"),
                number(f.get("handedOffAt")), number(f.get("firstResponseAt")), number(f.get("resolvedAt")),
                number(f.get("updatedAt")), f.get("preview"), f.get("customerReadSeq"), f.get("agentReadSeq"),
                f.get("unreadByAgent") == null ? 0 : Integer.parseInt(f.get("unreadByAgent")),
                f.get("csatRating") == null ? null : Integer.valueOf(f.get("csatRating")));
        return new Conversation(f.get("id"), visitorId, Owner.fromWireName(f.get("owner")),
                Long.parseLong(f.get("createdAt")), locale, f.get("lastSeq"), customer, handling);
    }

    private static Long number(String value) {
        return value == null ? null : Long.valueOf(value);
    }

    private Map<String, Object> attributes(String value) {
        if (value == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(value, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            return Map.of();
        }
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
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("id", id);
        options.put("namespace", keys.namespace());
        options.put("origin", origin);
        options.put("feedCap", FEED_CAP);
        options.put("events", write.events().stream().map(codec::encode).toList());
        if (write.clientMsgId() != null) {
            options.put("clientMsgId", write.clientMsgId());
        }
        if (!write.allowedOwners().isEmpty()) {
            options.put("allowedOwners", write.allowedOwners().stream().map(Owner::wireName).toList());
        }
        if (write.requiredAssignee() != null) {
            options.put("assignee", write.requiredAssignee());
        }
        if (write.newOwner() != null) {
            options.put("newOwner", write.newOwner().wireName());
        }
        options.put("set", write.fields());
        options.put("setIfAbsent", write.fieldsIfAbsent());
        options.put("increment", write.increments());
        if (write.reopen() != null) {
            options.put("reopen", codec.encode(write.reopen()));
        }
        if (write.capacity() != null) {
            options.put("capacity", Map.of("agent", write.capacity().agentId(), "limit", write.capacity().limit()));
        }
        @SuppressWarnings("unchecked")
        List<Object> reply = (List<Object>) WRITE.run(redis, scriptKeys, List.of(json(options)));
        List<String> values = reply.stream().map(String::valueOf).toList();
        return switch (values.get(0)) {
            case "appended" -> new AppendResult(AppendResult.Status.APPENDED, values.subList(1, values.size()), null);
            case "duplicate" -> new AppendResult(AppendResult.Status.DUPLICATE, values.subList(1, 2), null);
            case "not_owner" -> new AppendResult(AppendResult.Status.NOT_OWNER, List.of(),
                    Owner.fromWireName(values.get(1)), values.get(2));
            case "over_capacity" -> new AppendResult(AppendResult.Status.OVER_CAPACITY, List.of(), null);
            case "no_conversation" -> new AppendResult(AppendResult.Status.NO_CONVERSATION, List.of(), null);
            default -> throw new IllegalStateException("write.lua answered " + reply);
        };
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
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
