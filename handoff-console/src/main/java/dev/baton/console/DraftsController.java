package dev.baton.console;

import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationService;
import dev.baton.llm.ModelDrafts;
import dev.baton.routing.Agent;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;

/**
 * Reply drafts by the language model, which the agent edits before sending (docs/llm.md). Without a model the
 * console hides its button and the API answers 409 {@code not_configured}.
 */
public final class DraftsController {
    private final ConversationService conversations;
    private final Optional<ModelDrafts> drafts;

    /** @param drafts empty when no language model is configured */
    public DraftsController(ConversationService conversations, Optional<ModelDrafts> drafts) {
        this.conversations = conversations;
        this.drafts = drafts;
    }

    /** {@code GET /api/reply-drafts}: whether drafts can be asked for. */
    public void status(Context ctx) {
        ctx.json(Map.of("available", drafts.isPresent()));
    }

    /** {@code POST /api/conversations/{id}/draft}: a draft reply in the customer's language, signed by the caller. */
    public void draft(Context ctx) {
        ModelDrafts model = drafts.orElseThrow(() -> new ApiError(HttpStatus.CONFLICT, "not_configured",
                "Reply drafts need a language model: an operator sets BATON_LLM (see docs/llm.md)."));
        Agent agent = AccessGuard.agent(ctx);
        Conversation conversation = conversations.find(ctx.pathParam("id"))
                .orElseThrow(() -> ApiError.notFound("The conversation"));
        ModelDrafts.Draft draft = model.draft(conversation.customer(), conversation.locale(),
                conversations.history(conversation.id()).transcript(), agent.name())
                .orElseThrow(() -> new ApiError(HttpStatus.SERVICE_UNAVAILABLE, "draft_unavailable",
                        "The model gave no usable draft in time. Write the reply yourself, or try again."));
        ctx.json(Map.of("draft", draft.text(), "template", draft.template()));
    }
}
