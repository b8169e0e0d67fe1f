package io.vitrine.event;

/**
 * Where an event happened. Every part is optional.
 *
 * @param device the client device class, e.g. {@code ios}, {@code android}, {@code web}
 * @param locale a BCP 47 language tag, e.g. {@code de-CH}
 * @param sessionId the app session
 * @param campaign the marketing campaign that brought the user
 */
public record EventContext(String device, String locale, String sessionId, String campaign) {
    /** A context with nothing set. */
    public static final EventContext EMPTY = new EventContext(null, null, null, null);
}
