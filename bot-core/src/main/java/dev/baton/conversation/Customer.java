package dev.baton.conversation;

import com.google.re2j.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who the customer is, as far as Baton knows: a visitor id always; a user id, name, email, plan and attributes when
 * the host product identified the user ({@code verified} when it signed that identity) or the customer said so.
 */
public record Customer(String visitorId, boolean verified, String userId, String name, String email, String plan,
        Map<String, Object> attributes, String locale) {

    /**
     * What Baton takes for an email address, in a text or on its own: loose on purpose, like a mail client. A
     * linear-time pattern (RE2/J): it reads customer text.
     */
    public static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");

    public Customer {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static Customer visitor(String visitorId, String locale) {
        return new Customer(visitorId, false, null, null, null, null, Map.of(), locale);
    }

    /** The same customer, reachable at {@code email} (a customer's own word: not verified). */
    public Customer withEmail(String email) {
        return new Customer(visitorId, false, userId, name, email, plan, attributes, locale);
    }

    /** The same customer with one more attribute (or a new value for it). */
    public Customer withAttribute(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(attributes);
        more.put(name, value);
        return new Customer(visitorId, verified, userId, this.name, email, plan, more, locale);
    }

    /** The first word of the name, for greetings; null when the name is unknown. */
    public String firstName() {
        if (name == null || name.isBlank()) {
            return null;
        }
        String flat = CustomerText.flat(name);
        int space = flat.indexOf(' ');
        return space < 0 ? flat : flat.substring(0, space);
    }
}
