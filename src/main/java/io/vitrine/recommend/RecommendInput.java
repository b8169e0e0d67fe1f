package io.vitrine.recommend;

import java.util.List;

/**
 * A recommend request as the client sends it ({@code POST /v1/recommend}).
 *
 * @param userId required; an unknown user gets a cold-start list
 * @param count 1 to 100, default 20
 * @param scene where the list is shown (e.g. {@code home}, {@code product}); free text, at most 64 characters
 * @param itemId the anchor item (a product page); unknown anchors are ignored
 * @param context device, locale, session, campaign and the client's timestamp
 * @param exclude items never to return, at most 500
 * @param explain whether to return, per item, its sources, model score and the rules that moved it
 */
public record RecommendInput(String userId, Integer count, String scene, String itemId, ContextInput context,
        List<String> exclude, Boolean explain) {

    /**
     * The request context.
     *
     * @param device device class
     * @param locale BCP 47 tag
     * @param sessionId app session
     * @param campaign marketing campaign
     * @param timestamp the client's time (ISO-8601); informative only, the server's clock decides
     */
    public record ContextInput(String device, String locale, String sessionId, String campaign, String timestamp) {
    }
}
