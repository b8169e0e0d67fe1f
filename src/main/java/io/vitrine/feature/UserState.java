package io.vitrine.feature;

import java.util.List;
import java.util.Map;

/**
 * A user's stored state as read from a store, before interpretation ({@link UserFeatures#of}).
 *
 * @param userId the user
 * @param fields the user hash (profile and feature fields); empty for an unknown user
 * @param interacted recent interactions, most recent first
 * @param purchased recent purchases, most recent first
 */
public record UserState(String userId, Map<String, String> fields, List<RecentItem> interacted,
        List<RecentItem> purchased) {

    public UserState {
        fields = Map.copyOf(fields);
        interacted = List.copyOf(interacted);
        purchased = List.copyOf(purchased);
    }

    public static UserState empty(String userId) {
        return new UserState(userId, Map.of(), List.of(), List.of());
    }
}
