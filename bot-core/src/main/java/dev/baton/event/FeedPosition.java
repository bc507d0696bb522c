package dev.baton.event;

import dev.baton.conversation.Seq;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * How far a reader of the event feed has got: the last entry it has of each partition's stream. Written as those
 * ids joined by commas, partition 0 first; with one partition that is the entry's id alone, the position consoles
 * always resumed from. An event's own place ({@link LoggedEvent#feedId()}) is its entry id, preceded by
 * {@code partition:} when there are several.
 */
public record FeedPosition(List<String> lastIds) {
    private static final String NOTHING = "0-0";

    public FeedPosition {
        if (lastIds.isEmpty() || !lastIds.stream().allMatch(Seq::isValid)) {
            throw new IllegalArgumentException("a feed position is one entry id per partition: " + lastIds);
        }
        lastIds = List.copyOf(lastIds);
    }

    /** Before the first entry of every partition. */
    public static FeedPosition start(int partitions) {
        return new FeedPosition(Collections.nCopies(partitions, NOTHING));
    }

    /** A position a client sent back, if it is one of a feed of {@code partitions}. */
    public static Optional<FeedPosition> parse(String text, int partitions) {
        if (text == null || text.length() > 64 * partitions) {
            return Optional.empty();
        }
        List<String> ids = List.of(text.split(",", -1));
        if (ids.size() != partitions || !ids.stream().allMatch(Seq::isValid)) {
            return Optional.empty();
        }
        return Optional.of(new FeedPosition(ids));
    }

    /** The place of entry {@code entryId} of partition {@code partition}, as {@link LoggedEvent#feedId()} has it. */
    public static String place(int partitions, int partition, String entryId) {
        return partitions == 1 ? entryId : partition + ":" + entryId;
    }

    public int partitions() {
        return lastIds.size();
    }

    public String lastId(int partition) {
        return lastIds.get(partition);
    }

    /** Whether the event at {@code place} is at or before this position (a reader here has it). */
    public boolean covers(String place) {
        int partition = partitionOf(place);
        return Seq.compare(entryOf(place), lastIds.get(partition)) <= 0;
    }

    /** This position moved on to the event at {@code place}, if that is further. */
    public FeedPosition advancedTo(String place) {
        if (covers(place)) {
            return this;
        }
        List<String> ids = new ArrayList<>(lastIds);
        ids.set(partitionOf(place), entryOf(place));
        return new FeedPosition(ids);
    }

    private int partitionOf(String place) {
        int colon = place.indexOf(':');
        int partition = colon < 0 ? 0 : Integer.parseInt(place.substring(0, colon));
        if (partition >= lastIds.size() || (colon < 0 && lastIds.size() > 1)) {
            throw new IllegalArgumentException("not a place in a feed of " + lastIds.size() + ": " + place);
        }
        return partition;
    }

    private static String entryOf(String place) {
        return place.substring(place.indexOf(':') + 1);
    }

    @Override
    public String toString() {
        return String.join(",", lastIds);
    }
}
