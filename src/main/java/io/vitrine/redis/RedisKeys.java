package io.vitrine.redis;

import io.vitrine.event.Arm;
import io.vitrine.feature.EntityRef;
import io.vitrine.feature.RecentList;

/**
 * The key layout (documented in the README, with the slot of each key). The part in braces is the Redis Cluster hash
 * tag, which alone decides the slot ({@link HashSlot}): a user's keys share a slot, an item's hash is alone in its
 * slot, and the event log with its dedupe markers and experiment counters shares one slot so that a single script can
 * dedupe, append and count atomically. No command or script touches keys of two slots.
 *
 * <pre>
 * {prefix}:u:{userId}               hash: profile fields and user features (these three keys are all a user owns)
 * {prefix}:u:{userId}:recent        sorted set: itemId scored by latest interaction (epoch ms)
 * {prefix}:u:{userId}:bought        sorted set: itemId scored by latest purchase (epoch ms)
 * {prefix}:i:{itemId}               hash: catalog fields and item statistics
 * {prefix}:trend:{scope}:generation sorted set: itemId scored by forward-decayed interest
 * {prefix}:new:{scope}             sorted set: recommendable itemId scored by listing time (epoch ms)
 * {prefix}:{events}:log             stream: the event log (field "e": event JSON)
 * {prefix}:{events}:seen:eventId    string with TTL: dedupe marker
 * {prefix}:{events}:arm:experimentId:variant          hash: counts, revenue and revenue_sq of an experiment arm,
 *                                                     and d:yyyy-mm-dd:count per UTC day of the events
 * {prefix}:{events}:arm:experimentId:variant:users    hash: userId to the user's attributed revenue
 * {prefix}:{events}:arm:experimentId:variant:buyers   set: users with an attributed purchase
 * {prefix}:{experiments}            hash: experimentId to the experiment's JSON
 * {prefix}:{experiments}:signing-key  string: the key that signs request ids, when not configured
 * {prefix}:{probe}:s|h|z|t|x            the access check's keys, for an instant (they expire within a minute)
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

    /** New arrivals of a scope ({@code global}, {@code cat:<category>}, {@code brand:<brand>}): listing times. */
    public String newArrivals(String scope) {
        return prefix + ":new:{" + scope + "}";
    }

    public String eventLog() {
        return prefix + ":{events}:log";
    }

    public String eventSeen(String eventId) {
        return prefix + ":{events}:seen:" + eventId;
    }

    /**
     * The counters of an experiment arm. They share the event log's slot, so the append script counts an event in the
     * same atomic step that stores it.
     */
    public String armTotals(Arm arm) {
        return prefix + ":{events}:arm:" + arm.experimentId() + ":" + arm.variant();
    }

    /** The users of an experiment arm, each with the revenue attributed to them. */
    public String armUsers(Arm arm) {
        return armTotals(arm) + ":users";
    }

    /** The users of an experiment arm who bought. */
    public String armBuyers(Arm arm) {
        return armTotals(arm) + ":buyers";
    }

    /** Every experiment's definition. */
    public String experiments() {
        return prefix + ":{experiments}";
    }

    /** The generated key that signs request ids when none is configured. */
    public String requestSigningKey() {
        return prefix + ":{experiments}:signing-key";
    }

    /** A key of the access check ({@link RedisAccessCheck}): expires within a minute, deleted by the check. */
    public String accessProbe(String part) {
        return prefix + ":{probe}:" + part;
    }
}
