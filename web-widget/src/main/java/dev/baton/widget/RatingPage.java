package dev.baton.widget;

import dev.baton.conversation.AppendResult;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.Owner;
import dev.baton.kb.Language;
import dev.baton.mail.MailTokens;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code /mail/rate/{token}}: the one-click ratings of a CSAT email. {@code GET} only shows the rating with a button
 * to confirm it, so a mail scanner or a browser's prefetch that opens every link records nothing; {@code POST} (the
 * button) records that rating and nothing else. The signed token in the path is the only authority, no cookie is
 * read, so a forged cross-site request can do no more than the link itself; a token Baton did not make is a 403. The
 * same rating twice is recorded once; a conversation reopened since is not rated, and a link of an earlier resolve
 * (the conversation was reopened and resolved again) has expired: the token names the resolve it asks about.
 */
public final class RatingPage {
    public static final String PATH = "/mail/rate/{token}";

    private final MailTokens tokens;
    private final ConversationService conversations;

    public RatingPage(MailTokens tokens, ConversationService conversations) {
        this.tokens = tokens;
        this.conversations = conversations;
    }

    /** What a rating link answers with email off: no email asks for ratings, and no link is signed. */
    public static void off(Context ctx) {
        page(ctx, 404, "en", "This rating link no longer works: email is off.", "");
    }

    public void confirm(Context ctx) {
        Optional<MailTokens.Rating> rating = rating(ctx);
        if (rating.isEmpty()) {
            return;
        }
        Optional<Conversation> conversation = conversations.find(rating.get().conversationId());
        boolean ja = conversation.map(c -> Language.JAPANESE.equals(Language.fromLocale(c.locale()))).orElse(false);
        if (refusedAsStale(ctx, rating.get(), conversation, ja)) {
            return;
        }
        String question = ja ? "評価 " + rating.get().rating() + " / 5 を送信しますか？"
                : "Rate the help you got " + rating.get().rating() + " out of 5?";
        String button = ja ? "送信する" : "Send my rating";
        page(ctx, 200, ja ? "ja" : "en", question, "<form method=\"post\"><button type=\"submit\">" + button
                + "</button></form>");
    }

    public void record(Context ctx) {
        Optional<MailTokens.Rating> rating = rating(ctx);
        if (rating.isEmpty()) {
            return;
        }
        String id = rating.get().conversationId();
        Optional<Conversation> conversation = conversations.find(id);
        boolean ja = conversation.map(c -> Language.JAPANESE.equals(Language.fromLocale(c.locale()))).orElse(false);
        String lang = ja ? "ja" : "en";
        if (refusedAsStale(ctx, rating.get(), conversation, ja)) {
            return;
        }
        Integer before = conversation.get().handling().csatRating();
        if (before == null || before != rating.get().rating()) {
            AppendResult result = conversations.rate(id, rating.get().rating(), null);
            if (!result.stored()) {
                page(ctx, result.status() == AppendResult.Status.RATE_LIMITED ? 429 : 409, lang,
                        ja ? "評価を記録できませんでした。" : "Your rating could not be recorded.", "");
                return;
            }
        }
        page(ctx, 200, lang, ja ? "ご評価ありがとうございました（" + rating.get().rating() + " / 5）。"
                : "Thank you! Your rating (" + rating.get().rating() + " out of 5) is recorded.", "");
    }

    /**
     * Answers and returns true when the link can't rate now: the conversation was reopened (409), or resolved again
     * since its email (410: that link has expired; a newer email asks again).
     */
    private boolean refusedAsStale(Context ctx, MailTokens.Rating rating, Optional<Conversation> conversation,
            boolean ja) {
        String lang = ja ? "ja" : "en";
        if (conversation.isEmpty() || conversation.get().owner() != Owner.RESOLVED) {
            page(ctx, 409, lang, ja ? "この会話は再開されたため、評価できません。" : "This conversation was reopened, so it can't be "
                    + "rated now.", "");
            return true;
        }
        if (!conversations.latestResolve(rating.conversationId()).orElse("").equals(rating.resolvedSeq())) {
            page(ctx, 410, lang, ja ? "この評価リンクは有効期限が切れています。会話がその後もう一度解決されました。"
                    : "This rating link has expired: the conversation was resolved again since that email.", "");
            return true;
        }
        return false;
    }

    private Optional<MailTokens.Rating> rating(Context ctx) {
        Optional<MailTokens.Rating> rating = tokens.rating(ctx.pathParam("token"));
        if (rating.isEmpty()) {
            page(ctx, 403, "en", "This rating link is not valid.", "");
        }
        return rating;
    }

    /** Text of Baton's own (no customer words on this page), no script, not framed, not cached. */
    private static void page(Context ctx, int status, String lang, String message, String formHtml) {
        ctx.header("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType("text/html; charset=utf-8").result("<!doctype html><html lang=\"" + lang
                + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                + "<title>Rating</title></head><body><p>" + message + "</p>" + formHtml + "</body></html>");
    }
}
