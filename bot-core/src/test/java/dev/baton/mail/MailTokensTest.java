package dev.baton.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reply-to addresses and rating links route only what Baton signed. */
class MailTokensTest {
    private final MailTokens tokens = new MailTokens("a-secret-of-thirty-two-characters!!");
    private final String conversation = UUID.randomUUID().toString();

    @Test
    void a_reply_address_routes_back_to_its_conversation_in_any_case_and_among_other_recipients() {
        String address = tokens.replyAddress("support@perkful.example", conversation);
        assertTrue(address.matches("support\\+[0-9a-f]{48}@perkful\\.example"), address);
        assertTrue(address.length() - "@perkful.example".length() <= 64, "a local part mail servers take");
        var route = tokens.route(List.of("someone@else.example", "Perkful <" + address.toUpperCase() + ">"));
        assertEquals(MailTokens.Route.Status.ROUTED, route.status());
        assertEquals(conversation, route.conversationId());
    }

    @Test
    void an_altered_or_foreign_token_is_forged_and_no_token_is_missing() {
        String address = tokens.replyAddress("support@perkful.example", conversation);
        int plus = address.indexOf('+');
        char first = address.charAt(plus + 1);
        String otherConversation = address.substring(0, plus + 1) + (first == 'a' ? 'b' : 'a')
                + address.substring(plus + 2);
        assertEquals(MailTokens.Route.Status.FORGED, tokens.route(List.of(otherConversation)).status());
        String signedElsewhere = new MailTokens("another-secret-of-thirty-two-chars!!")
                .replyAddress("support@perkful.example", conversation);
        assertEquals(MailTokens.Route.Status.FORGED, tokens.route(List.of(signedElsewhere)).status());
        assertEquals(MailTokens.Route.Status.MISSING, tokens.route(List.of("support@perkful.example")).status());
    }

    @Test
    void a_rating_token_says_its_conversation_rating_and_resolve_and_no_other() {
        String token = tokens.ratingToken(conversation, 4, "1796000000000-0");
        assertEquals(new MailTokens.Rating(conversation, 4, "1796000000000-0"), tokens.rating(token).orElseThrow());
        String otherRating = token.substring(0, 32) + "5" + token.substring(33);
        assertTrue(tokens.rating(otherRating).isEmpty());
        String laterResolve = token.replace("1796000000000-0", "1796000000001-0");
        assertTrue(tokens.rating(laterResolve).isEmpty(), "the resolve is signed too");
        assertTrue(tokens.rating("nonsense").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> tokens.ratingToken(conversation, 4, "no seq"));
    }

    @Test
    void a_short_secret_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new MailTokens("short"));
    }
}
