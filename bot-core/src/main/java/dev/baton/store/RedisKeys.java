package dev.baton.store;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Every Redis key Baton uses, in one place; the namespace lets several test runs or tenants share one Redis.
 *
 * <p>Conversations fall into {@code partitions} groups by their id. With one partition (one Redis, or a
 * Sentinel-watched primary) the keys are those Baton always had: a conversation's keys share the hash tag
 * {@code {id}}, and the feed, the inbox views and the indexes are shared by all. With more (a Redis Cluster), a
 * partition's conversations, its feed stream, its inbox views and its indexes share the hash tag {@code {ns:pN}}, so
 * every conversation write touches one slot; the keys that belong to no conversation (agents, sessions, the knowledge
 * base, …) share the tag {@code {ns}}, so what writes several of them at once still touches one slot. The number of
 * partitions is part of the layout: it is fixed for the life of the data.
 */
public record RedisKeys(String namespace, int partitions) {

    public RedisKeys {
        if (namespace == null || namespace.isBlank() || namespace.contains("{") || namespace.contains("}")) {
            throw new IllegalArgumentException("namespace must be a plain non-empty word: " + namespace);
        }
        if (partitions < 1 || partitions > 1024) {
            throw new IllegalArgumentException("partitions must be between 1 and 1024, not " + partitions);
        }
    }

    /** One partition: the layout of a single Redis. */
    public RedisKeys(String namespace) {
        this(namespace, 1);
    }

    public boolean partitioned() {
        return partitions > 1;
    }

    /** The partition a conversation belongs to: a stable hash of its id. */
    public int partitionOf(String conversationId) {
        if (!partitioned()) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(conversationId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % partitions);
    }

    /** The start of a partition's keys: the namespace alone when there is one partition. */
    private String partition(int partition) {
        if (partition < 0 || partition >= partitions) {
            throw new IllegalArgumentException("no partition " + partition + " of " + partitions);
        }
        return partitioned() ? namespace + ":{" + namespace + ":p" + partition + "}" : namespace;
    }

    /** The start of every key outside the conversations' partitions. */
    private String global() {
        return partitioned() ? "{" + namespace + "}" : namespace;
    }

    /**
     * A key in the slot of every key outside the conversations: on a Cluster, Baton's transactions run there, for
     * each touches only such keys (a conversation changes through scripts).
     */
    public String outsideConversations() {
        return global();
    }

    /** The one partition of a single Redis; a partitioned layout has no such thing, so asking is a mistake. */
    private int onlyPartition() {
        if (partitioned()) {
            throw new IllegalStateException("the keys have " + partitions + " partitions: name one");
        }
        return 0;
    }

    /** Hash: the conversation's fields (visitor, owner, lastSeq, ...). */
    public String conversation(String id) {
        return partitioned() ? partition(partitionOf(id)) + ":conv:" + id : namespace + ":conv:{" + id + "}";
    }

    /** Stream: the conversation's log of events; the entry id is the event's seq. */
    public String conversationLog(String id) {
        return conversation(id) + ":log";
    }

    /** Hash: client message id to seq, so a resent message is stored once. */
    public String clientMessageIds(String id) {
        return conversation(id) + ":cmids";
    }

    /**
     * Counter with a time to live of a minute: the events the customer's own writes added to the conversation in
     * the current minute (write.lua refuses more than the budget).
     */
    public String customerEvents(String id) {
        return conversation(id) + ":customer-events";
    }

    /**
     * Sorted set: every conversation id by its creation time (epoch ms), so the KPIs can find the conversations of a
     * date range. Written at a conversation's first event (write.lua); older versions wrote it at creation, and the
     * ids of their empty conversations that expired stay (their log is empty, and readers skip them).
     */
    public String conversationsByCreation(int partition) {
        return partition(partition) + ":conversations";
    }

    /** {@link #conversationsByCreation(int)} of the single partition. */
    public String conversationsByCreation() {
        return conversationsByCreation(onlyPartition());
    }

    /** Stream: every event of every conversation of the partition, capped; each node tails it to deliver events live. */
    public String feed(int partition) {
        return partition(partition) + ":feed";
    }

    /** {@link #feed(int)} of the single partition. */
    public String feed() {
        return feed(onlyPartition());
    }

    /** Hash: article id to the article's JSON. */
    /** One article's versions, oldest first: a list of JSON. */
    public String articleVersions(String articleId) {
        return global() + ":kb:versions:" + articleId;
    }

    /** The ids of every article that has versions (drafts and archived ones included). */
    public String versionedArticles() {
        return global() + ":kb:versioned";
    }

    /** The questions the bot failed, newest first (capped). */
    public String contentGaps() {
        return global() + ":kb:gaps";
    }

    /** Marks one gap (a conversation's question, and why) as recorded, so a turn run twice records it once. */
    public String contentGapSeen(String conversationId, long at, String why) {
        return global() + ":kb:gap-seen:" + conversationId + ":" + at + ":" + why;
    }

    /** The latest customer questions, newest first (capped). */
    public String recentQuestions() {
        return global() + ":kb:recent-questions";
    }

    /** String: the knowledge base's calibration (JSON), with the hash of the content it was measured on. */
    public String kbCalibration() {
        return global() + ":kb:calibration";
    }

    /** Hash: proposal id to a question proposed as an example of an article (JSON). */
    public String exampleProposals() {
        return global() + ":kb:proposals";
    }

    /** Sorted set: proposal ids by when they were proposed. */
    public String exampleProposalsByTime() {
        return global() + ":kb:proposals-by-time";
    }

    public String articles() {
        return global() + ":kb:articles";
    }

    /** Hash: content hash of a text to its embedding by {@code modelId}. */
    public String embeddings(String modelId) {
        return global() + ":emb:" + modelId;
    }

    /** Sorted set: one view of the inbox (waiting, open, bot, resolved, agent:{id}); kept by write.lua. */
    public String inbox(String view, int partition) {
        return partition(partition) + ":inbox:" + view;
    }

    /** {@link #inbox(String, int)} of the single partition. */
    public String inbox(String view) {
        return inbox(view, onlyPartition());
    }

    /** Sorted set: the open conversations of the partition an agent holds. */
    public String agentInbox(String agentId, int partition) {
        return inbox("agent:" + agentId, partition);
    }

    /** {@link #agentInbox(String, int)} of the single partition. */
    public String agentInbox(String agentId) {
        return agentInbox(agentId, onlyPartition());
    }

    /**
     * Sorted set, partitioned layout only: the conversations an agent's capacity is reserved for, by when each
     * was reserved. A claim reserves here first (the partition's views are in other slots) and gives the place back
     * when the claim fails; places of conversations the agent no longer holds are pruned when the set is full.
     */
    public String agentReservations(String agentId) {
        if (!partitioned()) {
            throw new IllegalStateException("one partition counts an agent's conversations in its inbox view");
        }
        return global() + ":reserved:" + agentId;
    }

    /** Hash: agent id to the agent's JSON. */
    public String agents() {
        return global() + ":agents";
    }

    /** Hash: lower-case email to agent id. */
    public String agentEmails() {
        return global() + ":agents:email";
    }

    /** Hash: team id to the team's JSON. */
    public String teams() {
        return global() + ":teams";
    }

    /** Hash: handoff reason to team id. */
    public String routingRules() {
        return global() + ":routing";
    }

    /** Counter: whose turn it is in a team's round-robin. */
    public String turn(String teamId) {
        return global() + ":turn:" + teamId;
    }

    /** Sorted set: agent id by the time of their console's last heartbeat. */
    public String heartbeats() {
        return global() + ":presence:seen";
    }

    /** Hash: agent id to the state they chose (online or away). */
    public String presenceChoices() {
        return global() + ":presence:chosen";
    }

    /** Hash with a time to live: one console session, by the hash of its token. */
    public String session(String tokenHash) {
        return global() + ":session:" + tokenHash;
    }

    /** Set with a time to live: the ids of an agent's sessions, so they can all be ended at once. */
    public String agentSessions(String agentId) {
        return global() + ":agent-sessions:" + agentId;
    }

    /** Counter with a time to live: login attempts of one email from one address, or of one address. */
    public String loginAttempts(String kind, String value) {
        return global() + ":login-attempts:" + kind + ":" + value;
    }

    /** String: set once the demo agents of this store were created, so they never come back after a change. */
    public String demoTeamCreated() {
        return global() + ":setup:demo-team";
    }

    /** Hash: canned reply id to its JSON. */
    public String cannedReplies() {
        return global() + ":canned";
    }

    /**
     * Sorted set: a visitor's conversations with events, by creation time; written at the first event (ids of expired
     * empty ones that older versions wrote are skipped and removed on read).
     */
    public String visitorConversations(String visitorId, int partition) {
        return partition(partition) + ":visitor:" + visitorId;
    }

    /** {@link #visitorConversations(String, int)} of the single partition. */
    public String visitorConversations(String visitorId) {
        return visitorConversations(visitorId, onlyPartition());
    }

    /** The conversations with events of a user the host product vouched for (verified identity), by creation time. */
    public String userConversations(String userId, int partition) {
        return partition(partition) + ":user:" + userId;
    }

    /** {@link #userConversations(String, int)} of the single partition. */
    public String userConversations(String userId) {
        return userConversations(userId, onlyPartition());
    }

    /** Hash: webhook id to the webhook's JSON (with its secret). */
    public String webhooks() {
        return global() + ":webhooks";
    }

    /** List: a webhook's delivery log, newest first, capped. */
    public String webhookLog(String webhookId) {
        return global() + ":webhooks:log:" + webhookId;
    }

    /** Hash: delivery id to a pending webhook delivery's JSON. */
    public String webhookDeliveries() {
        return global() + ":webhooks:pending";
    }

    /** String with a time to live: this delivery was made once; a second preparation of its event is ignored. */
    public String webhookDeliveryMark(String deliveryId) {
        return global() + ":webhooks:made:" + deliveryId;
    }

    /** Sorted set: pending delivery id by when it is due (or when its taker's lease ends), epoch ms. */
    public String webhookDue() {
        return global() + ":webhooks:due";
    }

    /** Hash: article id → how often the help center opened it on this UTC day. */
    public String articleOpens(java.time.LocalDate day) {
        return global() + ":helpcenter:opens:" + day;
    }

    /** Hash: article id → its title when last opened (for the KPIs of articles since removed). */
    public String articleOpenTitles() {
        return global() + ":helpcenter:titles";
    }

    /** Sorted set: conversation id by when a customer socket of it was last open on any node, epoch ms. */
    public String customersSeen() {
        return global() + ":presence:customers";
    }

    /** Hash: pending outgoing mail id to its JSON. */
    public String mailPending() {
        return global() + ":mail:pending";
    }

    /** Sorted set: pending outgoing mail id by when it is due (or when its taker's lease ends), epoch ms. */
    public String mailDue() {
        return global() + ":mail:due";
    }

    /** Marker with a time to live: a Mailgun signature token that was used, so a replay of it is refused. */
    public String mailgunToken(String token) {
        return global() + ":mail:mgtoken:" + token;
    }

    /** String: the secret that signs reply-to addresses and rating links, made once, shared by every node. */
    public String mailSecret() {
        return global() + ":mail:secret";
    }
}
