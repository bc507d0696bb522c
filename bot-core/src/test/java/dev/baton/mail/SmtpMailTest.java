package dev.baton.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.junit.jupiter.api.Test;
import org.simplejavamail.api.mailer.config.TransportStrategy;

/** SMTP URLs, and which failures are a bounce (never tried again) and which are worth another try. */
class SmtpMailTest {

    @Test
    void urls_give_the_transport_the_port_and_the_decoded_credentials() {
        var server = SmtpMail.Server.parse("smtps://apikey:p%40ss%3Aword@smtp.example.com");
        assertEquals(TransportStrategy.SMTPS, server.transport());
        assertEquals(465, server.port());
        assertEquals("apikey", server.user());
        assertEquals("p@ss:word", server.password());
        assertEquals(587, SmtpMail.Server.parse("smtp://mail.example.com:587").port());
        assertEquals(25, SmtpMail.Server.parse("smtp://mail.example.com").port());
        assertThrows(IllegalArgumentException.class, () -> SmtpMail.Server.parse("http://mail.example.com"));
        assertThrows(IllegalArgumentException.class, () -> SmtpMail.Server.parse("smtp:///nohost"));
    }

    @Test
    void a_5xx_for_the_message_is_refused_for_good_and_anything_else_fails_for_now() {
        var refused = SmtpMail.classify(new RuntimeException("send failed",
                new MessagingException("Invalid Addresses", new SendFailedException(
                        "550 5.1.1 <kim@nowhere.example>: Recipient address rejected"))));
        assertEquals(SmtpMail.Outcome.Kind.REFUSED, refused.kind());
        assertEquals("550 5.1.1 <kim@nowhere.example>: Recipient address rejected", refused.detail());
        assertEquals(SmtpMail.Outcome.Kind.FAILED, SmtpMail.classify(new RuntimeException("x",
                new SendFailedException("451 4.7.1 Greylisted, try again"))).kind());
        // A wrong password is Baton's problem, not the customer's address: tried again, never a bounce.
        assertEquals(SmtpMail.Outcome.Kind.FAILED, SmtpMail.classify(new RuntimeException("x",
                new AuthenticationFailedException("535 5.7.8 Authentication failed"))).kind());
        assertEquals(SmtpMail.Outcome.Kind.FAILED, SmtpMail.classify(new RuntimeException("x",
                new MessagingException("Couldn't connect to host, port: localhost, 1"))).kind());
    }
}
