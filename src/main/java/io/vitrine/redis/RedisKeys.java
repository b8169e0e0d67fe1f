package io.vitrine.redis;

import io.vitrine.feature.EntityRef;
import io.vitrine.feature.RecentList;

/**
 * The key layout (documented in the README). The part in braces is the Redis Cluster hash tag: a user's keys share a
 * slot, an item's hash is alone in its slot, and the event log with its dedupe markers shares one slot so that a single
 * script can dedupe and append atomically.
 *
 * <pre>
 * {prefix}:u:{userId}               hash: profile fields and user features
 * {prefix}:u:{userId}:recent        sorted set: itemId scored by latest interaction (epoch ms)
 * {prefix}:u:{userId}:bought        sorted set: itemId scored by latest purchase (epoch ms)
 * {prefix}:i:{itemId}               hash: catalog fields and item statistics
 * {prefix}:trend:{scope}:generation sorted set: itemId scored by forward-decayed interest
 * {prefix}:{events}:log             stream: the event log (field "e": event JSON)
 * {prefix}:{events}:seen:eventId    string with TTL: dedupe marker
 * </pre>
 */
public final class RedisKeys {
    private final String prefix;

    /** @param prefix namespace of every key; must not contain braces */
    public RedisKeys(String prefix) {
        if (prefix.contains("{") || prefix.contains("}")) {
            throw new IllegalArgumentException("key prefix must not contain braces: " + prefix);
        }
        this.prefix = prefix;
    }

    public String entity(EntityRef ref) {
        return switch (ref.kind()) {
            case USER -> user(ref.id());
            case ITEM -> item(ref.id());
        };
    }

    public String user(String userId) {
        return prefix + ":u:{" + userId + "}";
    }

    public String item(String itemId) {
        return prefix + ":i:{" + itemId + "}";
    }

    public String recent(String userId, RecentList list) {
        return user(userId) + switch (list) {
            case INTERACTED -> ":recent";
            case PURCHASED -> ":bought";
        };
    }

    public String trend(String scope, int generation) {
        return prefix + ":trend:{" + scope + "}:" + generation;
    }

    public String eventLog() {
        return prefix + ":{events}:log";
    }

    public String eventSeen(String eventId) {
        return prefix + ":{events}:seen:" + eventId;
    }
}
