package dev.baton.console;

import io.javalin.http.Context;
import java.util.Map;

/** {@code GET /api/mail}: whether replies reach customers who left by email, for the console's notice. */
public final class MailController {
    private final boolean enabled;
    private final boolean inbound;

    /**
     * @param enabled an SMTP server is configured
     * @param inbound inbound mail is signed with a secret, so customers' email replies come back
     */
    public MailController(boolean enabled, boolean inbound) {
        this.enabled = enabled;
        this.inbound = inbound;
    }

    public void status(Context ctx) {
        ctx.json(Map.of("enabled", enabled, "inbound", enabled && inbound));
    }
}
