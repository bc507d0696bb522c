package dev.baton.inbox;

import java.util.List;
import java.util.Optional;

/** The team's canned replies. */
public interface CannedReplies {

    List<CannedReply> all();

    Optional<CannedReply> find(String id);

    void save(CannedReply reply);

    boolean delete(String id);
}
