package dev.baton.console;

import dev.baton.kb.Article;
import dev.baton.kb.ArticleEditor;
import dev.baton.kb.ExampleProposals;
import dev.baton.routing.Agent;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/kb/proposals}, for admins: customer questions learnt from conversations as proposed examples of an
 * article; accepting one saves the article again with it, as a new version; dismissing drops it.
 */
public final class ProposalsController {
    static final int LISTED = 100;

    private final ExampleProposals proposals;
    private final ArticleEditor editor;

    public ProposalsController(ExampleProposals proposals, ArticleEditor editor) {
        this.proposals = proposals;
        this.editor = editor;
    }

    /** A proposal with the title of its article, as the editor lists it. */
    record ProposalView(String id, String question, String language, String articleId, String articleTitle,
            String source, String conversationId, long at) {}

    public void list(Context ctx) {
        List<ProposalView> views = new ArrayList<>();
        for (ExampleProposals.Proposal p : proposals.pending(LISTED)) {
            editor.find(p.articleId()).ifPresent(entry -> views.add(new ProposalView(p.id(), p.question(),
                    p.language(), p.articleId(), entry.latest().article().title(), p.source(), p.conversationId(),
                    p.at())));
        }
        ctx.json(Map.of("proposals", views));
    }

    public void accept(Context ctx) {
        Agent admin = AccessGuard.agent(ctx);
        ExampleProposals.Proposal proposal = proposals.find(ctx.pathParam("id"))
                .orElseThrow(() -> ApiError.notFound("Proposal '" + ctx.pathParam("id") + "'"));
        ArticleEditor.Entry entry = editor.find(proposal.articleId())
                .orElseThrow(() -> ApiError.notFound("Article '" + proposal.articleId() + "'"));
        Article current = entry.latest().article();
        List<String> examples = new ArrayList<>(current.examples());
        if (!examples.contains(proposal.question())) {
            examples.add(proposal.question());
        }
        var saved = editor.save(new Article(current.id(), current.title(), current.body(), current.tags(),
                current.language(), examples), entry.latest().status(), admin.id(), admin.name());
        proposals.remove(proposal.id());
        ctx.json(Map.of("articleId", current.id(), "version", saved.version(), "examples", examples));
    }

    public void dismiss(Context ctx) {
        ExampleProposals.Proposal proposal = proposals.find(ctx.pathParam("id"))
                .orElseThrow(() -> ApiError.notFound("Proposal '" + ctx.pathParam("id") + "'"));
        proposals.remove(proposal.id());
        ctx.status(HttpStatus.NO_CONTENT);
    }
}
