package dev.baton.store;

/**
 * Every Redis key Baton uses, in one place. A conversation's keys share a hash tag so that its atomic scripts touch
 * one slot; the namespace lets several test runs or tenants share one Redis.
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

    /** Stream: every event of every conversation, capped; each node tails it to deliver events live. */
    public String feed() {
        return namespace + ":feed";
    }

    /** Hash: article id to the article's JSON. */
    public String articles() {
        return namespace + ":kb:articles";
    }

    /** Hash: content hash of a text to its embedding by {@code modelId}. */
    public String embeddings(String modelId) {
        return namespace + ":emb:" + modelId;
    }
}
