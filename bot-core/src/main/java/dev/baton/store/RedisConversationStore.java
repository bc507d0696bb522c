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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
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
    private static final RedisScript REPLACE_FIELDS = new RedisScript("replace_fields.lua");

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final EventCodec codec;
    private final ObjectMapper mapper;
    private final Replication replication;
    /** Partitioned only: the agents' capacity, which no script of one partition can count. */
    private final RedisAgentReservations reservations;

    /** On a single Redis: a write is acknowledged once Redis has it. */
    public RedisConversationStore(UnifiedJedis redis, RedisKeys keys, ObjectMapper json) {
        this(redis, keys, json, Replication.NONE);
    }

    /** Every write waits for {@code replication}'s replicas before it counts as done. */
    public RedisConversationStore(UnifiedJedis redis, RedisKeys keys, ObjectMapper json, Replication replication) {
        this.redis = redis;
        this.keys = keys;
        this.codec = new EventCodec(json);
        this.mapper = json;
        this.replication = replication;
        this.reservations = keys.partitioned() ? new RedisAgentReservations(redis, keys) : null;
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
        // Nothing points to it yet: it is indexed (for its visitor, its user and the KPIs) by its first event, in
        // write.lua, so a visitor who never writes leaves nothing behind once the time to live is over.
        replaceFields(key, ttlUntilFirstEvent.toSeconds(), new String[0], fields);
    }

    @Override
    public void identify(String conversationId, Customer customer) {
        String key = keys.conversation(conversationId);
        if (redis.exists(key)) {
            // The new identity replaces the old one whole: a field it lacks must not keep an earlier value
            // (a name the page stated must never pass for one the product verified).
            replaceFields(key, 0, CUSTOMER_FIELDS, customerFields(customer));
            // A conversation with events is indexed now; an empty one by its first event, which reads the identity
            // set above (whichever comes first, the user's index gets it).
            if (isVerifiedUser(customer) && redis.ttl(key) == -1) {
                String createdAt = redis.hget(key, "createdAt");
                redis.zadd(keys.userConversations(customer.userId(), keys.partitionOf(conversationId)),
                        createdAt == null ? 0 : Long.parseLong(createdAt), conversationId);
            }
        }
    }

    private void replaceFields(String key, long ttlSeconds, String[] deleted, Map<String, String> set) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(ttlSeconds));
        args.add(Integer.toString(deleted.length));
        args.addAll(List.of(deleted));
        set.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        REPLACE_FIELDS.run(redis, List.of(key), args);
    }

    /** Only a verified user id indexes history: an id the page merely claims must never open another's chats. */
    private static boolean isVerifiedUser(Customer customer) {
        return customer != null && customer.verified() && customer.userId() != null;
    }

    @Override
    public List<Conversation> ofUser(String userId, int limit) {
        return newest(partition -> keys.userConversations(userId, partition), limit);
    }

    @Override
    public List<Conversation> ofVisitor(String visitorId, int limit) {
        return newest(partition -> keys.visitorConversations(visitorId, partition), limit);
    }

    /** The newest conversations of an index kept per partition: each partition's newest, merged. */
    private List<Conversation> newest(IntFunction<String> index, int limit) {
        if (!keys.partitioned()) {
            return newestIn(index.apply(0), limit);
        }
        List<Conversation> all = new ArrayList<>();
        for (int partition = 0; partition < keys.partitions(); partition++) {
            all.addAll(newestIn(index.apply(partition), limit));
        }
        all.sort(Comparator.comparingLong(Conversation::createdAt).reversed());
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    /**
     * The newest conversations of an index that still exist. Entries of conversations that expired empty (written by
     * versions that indexed at creation) are skipped and removed, so they never hide an older real one.
     */
    private List<Conversation> newestIn(String index, int limit) {
        List<Conversation> found = new ArrayList<>();
        long start = 0;
        while (found.size() < limit) {
            List<String> ids = redis.zrevrange(index, start, start + limit - 1L);
            if (ids.isEmpty()) {
                return found;
            }
            List<Conversation> existing = findAll(ids);
            Set<String> kept = existing.stream().map(Conversation::id).collect(Collectors.toSet());
            String[] gone = ids.stream().filter(id -> !kept.contains(id)).toArray(String[]::new);
            if (gone.length > 0) {
                redis.zrem(index, gone);
            }
            existing.stream().limit(limit - found.size()).forEach(found::add);
            start += ids.size() - gone.length;
        }
        return found;
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
        int partition = keys.partitionOf(id);
        List<String> scriptKeys = List.of(keys.conversation(id), keys.conversationLog(id), keys.clientMessageIds(id),
                keys.feed(partition), keys.conversationsByCreation(partition), keys.customerEvents(id));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("id", id);
        options.put("inbox", keys.inbox("", partition));
        options.put("origin", origin);
        options.put("feedCap", FEED_CAP);
        options.put("visitorIndex", keys.visitorConversations("", partition));
        options.put("userIndex", keys.userConversations("", partition));
        options.put("events", write.events().stream().map(codec::encode).toList());
        if (write.clientMsgId() != null) {
            options.put("clientMsgId", write.clientMsgId());
            if (replication.replicas() > 0) {
                options.put("confirmResend", true);
            }
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
        String taker = taker(write);
        boolean reserved = false;
        if (write.capacity() != null && reservations == null) {
            options.put("capacity", Map.of("agent", write.capacity().agentId(), "limit", write.capacity().limit()));
        } else if (taker != null) {
            // Every write that gives an agent a conversation takes a place, so the places count what the agent
            // holds; only a write with a capacity can be refused for want of one.
            int limit = write.capacity() != null ? write.capacity().limit() : Integer.MAX_VALUE;
            switch (reservations.reserve(taker, id, limit)) {
                case FULL -> {
                    return new AppendResult(AppendResult.Status.OVER_CAPACITY, List.of(), null);
                }
                case RESERVED -> reserved = true;
                case HELD -> { }
            }
        }
        if (write.perMinute() > 0) {
            options.put("perMinute", write.perMinute());
        }
        if (write.advancing() != null) {
            options.put("advancing", Map.of("field", write.advancing().field(), "seq", write.advancing().seq()));
        }
        @SuppressWarnings("unchecked")
        List<Object> reply = (List<Object>) WRITE.run(redis, scriptKeys, List.of(json(options)), replication);
        AppendResult result = result(reply);
        if (reserved && result.status() != AppendResult.Status.APPENDED) {
            // Refused (another agent was faster, the owner changed): the place goes back. A write that failed
            // half-way (an exception) keeps it; it is pruned once the agent's places are full.
            reservations.giveBack(taker, id);
        }
        return result;
    }

    /** Partitioned only: the agent a write gives the conversation to, whose place it takes. */
    private String taker(ConversationWrite write) {
        if (reservations == null) {
            return null;
        }
        if (write.capacity() != null) {
            return write.capacity().agentId();
        }
        Object assignee = write.fields().get("assignee");
        return assignee == null || assignee.toString().isEmpty() ? null : assignee.toString();
    }

    private static AppendResult result(List<Object> reply) {
        List<String> values = reply.stream().map(String::valueOf).toList();
        return switch (values.get(0)) {
            case "appended" -> new AppendResult(AppendResult.Status.APPENDED, values.subList(1, values.size()), null);
            case "duplicate" -> new AppendResult(AppendResult.Status.DUPLICATE, values.subList(1, 2), null);
            case "not_owner" -> new AppendResult(AppendResult.Status.NOT_OWNER, List.of(),
                    Owner.fromWireName(values.get(1)), values.get(2));
            case "over_capacity" -> new AppendResult(AppendResult.Status.OVER_CAPACITY, List.of(), null);
            case "no_conversation" -> new AppendResult(AppendResult.Status.NO_CONVERSATION, List.of(), null);
            case "unchanged" -> AppendResult.unchanged(Owner.fromWireName(values.get(1)));
            case "rate_limited" -> AppendResult.rateLimited(Long.parseLong(values.get(1)));
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
