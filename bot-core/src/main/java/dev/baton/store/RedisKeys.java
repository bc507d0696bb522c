package dev.baton.store;

/**
 * Every Redis key Baton uses, in one place; the namespace lets several test runs or tenants share one Redis. A
 * conversation's keys share a hash tag, but its writes also touch the feed and the inbox, so Baton runs on one Redis
 * (or a Sentinel-watched primary), not on a Redis Cluster.
 */
public record RedisKeys(String namespace) {

    public RedisKeys {
        if (namespace == null || namespace.isBlank() || namespace.contains("{")) {
            throw new IllegalArgumentException("namespace must be a plain non-empty word: " + namespace);
        }
    }

    /** Hash: the conversation's fields (visitor, owner, lastSeq, ...). */
    public String conversation(String id) {
        return namespace + ":conv:{" + id + "}";
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
    public String conversationsByCreation() {
        return namespace + ":conversations";
    }

    /** Stream: every event of every conversation, capped; each node tails it to deliver events live. */
    public String feed() {
        return namespace + ":feed";
    }

    /** Hash: article id to the article's JSON. */
    /** One article's versions, oldest first: a list of JSON. */
    public String articleVersions(String articleId) {
        return namespace + ":kb:versions:" + articleId;
    }

    /** The ids of every article that has versions (drafts and archived ones included). */
    public String versionedArticles() {
        return namespace + ":kb:versioned";
    }

    /** The questions the bot failed, newest first (capped). */
    public String contentGaps() {
        return namespace + ":kb:gaps";
    }

    /** Marks one gap (a conversation's question, and why) as recorded, so a turn run twice records it once. */
    public String contentGapSeen(String conversationId, long at, String why) {
        return namespace + ":kb:gap-seen:" + conversationId + ":" + at + ":" + why;
    }

    /** The latest customer questions, newest first (capped). */
    public String recentQuestions() {
        return namespace + ":kb:recent-questions";
    }

    /** String: the knowledge base's calibration (JSON), with the hash of the content it was measured on. */
    public String kbCalibration() {
        return namespace + ":kb:calibration";
    }

    /** Hash: proposal id to a question proposed as an example of an article (JSON). */
    public String exampleProposals() {
        return namespace + ":kb:proposals";
    }

    /** Sorted set: proposal ids by when they were proposed. */
    public String exampleProposalsByTime() {
        return namespace + ":kb:proposals-by-time";
    }

    public String articles() {
        return namespace + ":kb:articles";
    }

    /** Hash: content hash of a text to its embedding by {@code modelId}. */
    public String embeddings(String modelId) {
        return namespace + ":emb:" + modelId;
    }

    /** Sorted set: one view of the inbox (waiting, open, bot, resolved, agent:{id}); kept by write.lua. */
    public String inbox(String view) {
        return namespace + ":inbox:" + view;
    }

    /** Sorted set: the open conversations an agent holds. */
    public String agentInbox(String agentId) {
        return inbox("agent:" + agentId);
    }

    /** Hash: agent id to the agent's JSON. */
    public String agents() {
        return namespace + ":agents";
    }

    /** Hash: lower-case email to agent id. */
    public String agentEmails() {
        return namespace + ":agents:email";
    }

    /** Hash: team id to the team's JSON. */
    public String teams() {
        return namespace + ":teams";
    }

    /** Hash: handoff reason to team id. */
    public String routingRules() {
        return namespace + ":routing";
    }

    /** Counter: whose turn it is in a team's round-robin. */
    public String turn(String teamId) {
        return namespace + ":turn:" + teamId;
    }

    /** Sorted set: agent id by the time of their console's last heartbeat. */
    public String heartbeats() {
        return namespace + ":presence:seen";
    }

    /** Hash: agent id to the state they chose (online or away). */
    public String presenceChoices() {
        return namespace + ":presence:chosen";
    }

    /** Hash with a time to live: one console session, by the hash of its token. */
    public String session(String tokenHash) {
        return namespace + ":session:" + tokenHash;
    }

    /** Set with a time to live: the ids of an agent's sessions, so they can all be ended at once. */
    public String agentSessions(String agentId) {
        return namespace + ":agent-sessions:" + agentId;
    }

    /** Counter with a time to live: login attempts of one email from one address, or of one address. */
    public String loginAttempts(String kind, String value) {
        return namespace + ":login-attempts:" + kind + ":" + value;
    }

    /** String: set once the demo agents of this store were created, so they never come back after a change. */
    public String demoTeamCreated() {
        return namespace + ":setup:demo-team";
    }

    /** Hash: canned reply id to its JSON. */
    public String cannedReplies() {
        return namespace + ":canned";
    }

    /**
     * Sorted set: a visitor's conversations with events, by creation time; written at the first event (ids of expired
     * empty ones that older versions wrote are skipped and removed on read).
     */
    public String visitorConversations(String visitorId) {
        return namespace + ":visitor:" + visitorId;
    }

    /** The conversations with events of a user the host product vouched for (verified identity), by creation time. */
    public String userConversations(String userId) {
        return namespace + ":user:" + userId;
    }

    /** Hash: webhook id to the webhook's JSON (with its secret). */
    public String webhooks() {
        return namespace + ":webhooks";
    }

    /** List: a webhook's delivery log, newest first, capped. */
    public String webhookLog(String webhookId) {
        return namespace + ":webhooks:log:" + webhookId;
    }

    /** Hash: delivery id to a pending webhook delivery's JSON. */
    public String webhookDeliveries() {
        return namespace + ":webhooks:pending";
    }

    /** String with a time to live: this delivery was made once; a second preparation of its event is ignored. */
    public String webhookDeliveryMark(String deliveryId) {
        return namespace + ":webhooks:made:" + deliveryId;
    }

    /** Sorted set: pending delivery id by when it is due (or when its taker's lease ends), epoch ms. */
    public String webhookDue() {
        return namespace + ":webhooks:due";
    }

    /** Hash: article id → how often the help center opened it on this UTC day. */
    public String articleOpens(java.time.LocalDate day) {
        return namespace + ":helpcenter:opens:" + day;
    }

    /** Hash: article id → its title when last opened (for the KPIs of articles since removed). */
    public String articleOpenTitles() {
        return namespace + ":helpcenter:titles";
    }

    /** Sorted set: conversation id by when a customer socket of it was last open on any node, epoch ms. */
    public String customersSeen() {
        return namespace + ":presence:customers";
    }

    /** Hash: pending outgoing mail id to its JSON. */
    public String mailPending() {
        return namespace + ":mail:pending";
    }

    /** Sorted set: pending outgoing mail id by when it is due (or when its taker's lease ends), epoch ms. */
    public String mailDue() {
        return namespace + ":mail:due";
    }

    /** Marker with a time to live: a Mailgun signature token that was used, so a replay of it is refused. */
    public String mailgunToken(String token) {
        return namespace + ":mail:mgtoken:" + token;
    }

    /** String: the secret that signs reply-to addresses and rating links, made once, shared by every node. */
    public String mailSecret() {
        return namespace + ":mail:secret";
    }
}
