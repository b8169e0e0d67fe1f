package io.vitrine.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * Optional static facts about a user (behaviour comes from events).
 *
 * @param userId unique id
 * @param device usual device class; may be null
 * @param location coarse location (country or city code); may be null
 * @param signupAt when the account was created; may be null
 */
public record UserProfile(String userId, String device, String location, Instant signupAt) {
    public UserProfile {
        Objects.requireNonNull(userId, "userId");
    }
}
