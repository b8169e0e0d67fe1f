package io.vitrine.pipeline;

import java.util.Optional;
import java.util.Set;

/**
 * A validated recommend request (the HTTP edge validates the wire shape into one: {@code RecommendInput}).
 *
 * @param userId the user
 * @param count how many items
 * @param scene where the list is shown, may be null; a scene with a plan of its own runs that plan
 * @param anchorItemId the anchor item, if any
 * @param exclude items never to return
 * @param explain whether to explain each item
 * @param sessionId the app session of {@code context.sessionId}, if any: the exploration slot is drawn per session, so
 *            a list does not reshuffle it on every refresh within one session
 */
public record RecommendRequest(String userId, int count, String scene, Optional<String> anchorItemId,
        Set<String> exclude, boolean explain, Optional<String> sessionId) {

    /** A request outside any session. */
    public RecommendRequest(String userId, int count, String scene, Optional<String> anchorItemId, Set<String> exclude,
            boolean explain) {
        this(userId, count, scene, anchorItemId, exclude, explain, Optional.empty());
    }

    /**
     * The seed of the rules that draw at random: per user and session when the request names a session, else per
     * request (its id), so a list can always be reproduced from what the request carried.
     */
    public long seed(String requestId) {
        return sessionId.map(session -> (userId + "|" + session).hashCode()).orElse(requestId.hashCode());
    }

    /** Default list length. */
    public static final int DEFAULT_COUNT = 20;
    /** Longest list. */
    public static final int MAX_COUNT = 100;
    /** Most excluded ids. */
    public static final int MAX_EXCLUDE = 500;
}
