package dev.baton.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.Citation;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.conversation.Role;
import dev.baton.kb.Answer;
import dev.baton.kb.Answerer;
import dev.baton.kb.Article;
import dev.baton.kb.Language;
import dev.baton.kb.Question;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reply drafts for agents, written by the language model from the transcript and the articles that bear on the
 * customer's last question, in the customer's language, the way the best replies are written: the customer greeted
 * by name, the agent owning the problem, a clear next step, a question whether anything could have gone better, the
 * agent's name at the end. The model writes the names as placeholders (it is never told them unless identity is
 * shared), and a draft with a number, email address or name that neither the conversation nor the articles hold is
 * refused. The agent edits a draft before sending it; nothing here sends anything.
 */
public final class ModelDrafts {
    private static final Logger log = LoggerFactory.getLogger(ModelDrafts.class);
    static final String CUSTOMER = "{{customer.firstName}}";
    static final String AGENT = "{{agent.name}}";
    static final String INSTRUCTIONS = """
            You draft a reply that a support agent will read, edit and send to a customer.
            Write it in %s, warm and plain, as the best human support agents write:
            - Greet the customer by name: write %s where the name goes.
            - Say plainly what you, the agent, will do or have done about the problem. Own it: never blame "the \
            system", never say you are not allowed.
            - Give a clear next step, or when the customer will hear back.
            - Ask whether anything could have gone better.
            - Sign off with %s.
            Use only facts from the conversation and the articles you are given. Add no numbers, dates, amounts, \
            names, links or promises that they do not contain.
            Reply with one JSON object and nothing else: {"draft": "..."}""";
    private static final int MAX_SOURCES = 3;
    private static final int MAX_DRAFT = 4000;

    /** A draft with the names filled in, and as the model wrote it, with placeholders. */
    public record Draft(String text, String template) {}

    private final ModelClient model;
    private final Answerer answerer;
    private final ObjectMapper json = new ObjectMapper();

    public ModelDrafts(ModelClient model, Answerer answerer) {
        this.model = model;
        this.answerer = answerer;
    }

    /**
     * @param locale the conversation's locale, the language the draft is written in
     * @return empty when the model is late, down, or wrote what the checks refuse
     */
    public Optional<Draft> draft(Customer customer, String locale, List<Message> transcript, String agentName) {
        String language = Language.fromLocale(locale);
        List<AnswerWriter.Source> sources = sources(transcript);
        String identity = Transcripts.identity(customer, model.sharesIdentity());
        String input = identity + "Articles:\n" + (sources.isEmpty() ? "(none)\n\n" : ModelAnswers.numbered(sources))
                + "Conversation:\n" + Transcripts.of(transcript, customer, model.sharesIdentity());
        String instructions = String.format(INSTRUCTIONS, Language.JAPANESE.equals(language) ? "Japanese" : "English",
                CUSTOMER, AGENT);
        String facts = Transcripts.facts(transcript, identity)
                + String.join("\n", sources.stream().map(s -> s.title() + "\n" + s.passage()).toList());
        return model.askJson(instructions, input, this::read).filter(template -> {
            Optional<String> invented = Facts.invented(template.replace(CUSTOMER, "").replace(AGENT, ""), facts,
                    Set.of());
            invented.ifPresent(what -> log.info("The model's reply draft was refused ({} is not in the conversation "
                    + "or the articles)", what));
            return invented.isEmpty();
        }).map(template -> new Draft(filled(template, customer, agentName, language), template));
    }

    /** The articles the bot cited in the conversation and the best one for the customer's last message. */
    private List<AnswerWriter.Source> sources(List<Message> transcript) {
        Message last = null;
        Set<String> ids = new LinkedHashSet<>();
        for (int i = transcript.size() - 1; i >= 0; i--) {
            Message message = transcript.get(i);
            if (last == null && message.author().role() == Role.CUSTOMER) {
                last = message;
            }
            if (message.citations() != null) {
                message.citations().stream().map(Citation::articleId).forEach(ids::add);
            }
        }
        if (last == null) {
            return List.of();
        }
        Question question = answerer.prepare(last.text());
        List<String> ordered = new ArrayList<>();
        answerer.answer(question).filter(a -> a.confident() || a.offersChoices()).map(Answer::article)
                .ifPresent(a -> ordered.add(a.id()));
        ids.stream().filter(id -> !ordered.contains(id)).forEach(ordered::add);
        List<AnswerWriter.Source> sources = new ArrayList<>();
        for (String id : ordered.subList(0, Math.min(MAX_SOURCES, ordered.size()))) {
            Optional<Article> article = answerer.article(id);
            article.ifPresent(a -> sources.add(new AnswerWriter.Source(a.id(), a.title(),
                    answerer.passageOf(a, question))));
        }
        return sources;
    }

    private String read(String reply) {
        JsonNode draft;
        try {
            draft = json.readTree(JsonReplies.unfenced(reply)).path("draft");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        String text = draft.isTextual() ? draft.asText().strip() : "";
        if (text.isEmpty() || text.length() > MAX_DRAFT) {
            throw new IllegalArgumentException("not {\"draft\": text} of at most " + MAX_DRAFT + " characters");
        }
        return text;
    }

    /** The placeholders filled: the customer's first name ("there", "お客" when unknown) and the agent's name. */
    static String filled(String template, Customer customer, String agentName, String language) {
        String name = customer == null ? null : customer.firstName();
        String fallback = Language.JAPANESE.equals(language) ? "お客" : "there";
        return template.replace(CUSTOMER, name == null ? fallback : name).replace(AGENT, agentName);
    }
}
