package dev.baton.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.conversation.Role;
import dev.baton.handoff.Reason;
import dev.baton.handoff.SummaryWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handoff summaries written by the language model from the transcript, kept only when every number, email address
 * and name in them is written in the conversation (or is the customer's shared name); else the agent gets the
 * extractive summary.
 */
public final class ModelSummaries implements SummaryWriter {
    private static final Logger log = LoggerFactory.getLogger(ModelSummaries.class);
    static final String INSTRUCTIONS = """
            You summarise a support conversation for the agent who takes it over from the bot, so that they never \
            have to ask the customer anything again.
            Write exactly three short lines, in English:
            1. "Goal: " what the customer wants, in their own words where that helps.
            2. "Tried: " what the bot already answered, and how the customer took it.
            3. "Now: " what the customer wants now.
            Use only what the conversation says. Copy order numbers, invoice numbers, amounts, dates, email addresses \
            and names exactly as written; never add one.
            Reply with one JSON object and nothing else: {"summary": ["Goal: ...", "Tried: ...", "Now: ..."]}""";
    static final int LINES = 3;
    private static final int MAX_LINE = 400;
    /** Words of the summary's own frame, which a conversation need not contain. */
    private static final Set<String> FRAME = Set.of("Goal", "Tried", "Now", "Customer", "Bot", "Agent");

    private final ModelClient model;
    private final ObjectMapper json = new ObjectMapper();

    public ModelSummaries(ModelClient model) {
        this.model = model;
    }

    @Override
    public Optional<List<String>> summarize(Customer customer, List<Message> transcript, Reason reason) {
        if (transcript.stream().noneMatch(m -> m.author().role() == Role.CUSTOMER)) {
            return Optional.empty();
        }
        String identity = Transcripts.identity(customer, model.sharesIdentity());
        String input = identity + "Handed over for: " + reason.code() + "\n\nConversation:\n"
                + Transcripts.of(transcript, customer, model.sharesIdentity());
        String facts = Transcripts.facts(transcript, identity);
        return model.askJson(INSTRUCTIONS, input, this::read).filter(lines -> {
            Optional<String> invented = Facts.invented(String.join("\n", lines), facts, FRAME);
            invented.ifPresent(what -> log.info("The model's handoff summary was not used ({} is not in the "
                    + "conversation); the extractive one was", what));
            return invented.isEmpty();
        });
    }

    private List<String> read(String reply) {
        JsonNode summary;
        try {
            summary = json.readTree(JsonReplies.unfenced(reply)).path("summary");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (!summary.isArray() || summary.size() != LINES) {
            throw new IllegalArgumentException("not {\"summary\": [three lines]}");
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode line : summary) {
            String text = line.asText().strip().replaceAll("\\s+", " ");
            if (!line.isTextual() || text.isEmpty() || text.length() > MAX_LINE) {
                throw new IllegalArgumentException("a summary line that is empty, too long or not text");
            }
            lines.add(text);
        }
        return List.copyOf(lines);
    }
}
