package io.vitrine.recommend;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code recommend} answers.
 *
 * @param requestId unique; send it back with feedback events for attribution
 * @param userId the user
 * @param model the model that ranked the list
 * @param experiments experiments and variants that shaped it (empty until experiments exist)
 * @param degraded true when a store was unavailable and the list is a fallback
 * @param items the list, best first
 */
public record RecommendResponse(String requestId, String userId, ModelRef model, List<ExperimentRef> experiments,
        boolean degraded, List<RecommendedItem> items) {

    /**
     * The ranking model.
     *
     * @param name {@code vitrine-ranker}, or {@code recall-score} when no model is loaded
     * @param version the bundle version, null without a model
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ModelRef(String name, String version) {
    }

    /**
     * An experiment assignment.
     *
     * @param id experiment id
     * @param variant variant name
     */
    public record ExperimentRef(String id, String variant) {
    }

    /**
     * One item.
     *
     * @param itemId the item
     * @param score its ranking score
     * @param sources the recall sources that produced it
     * @param explanation present when the request asked for it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecommendedItem(String itemId, double score, List<String> sources, Explanation explanation) {
    }

    /**
     * Why an item is where it is.
     *
     * @param modelScore the model's score, null when ranked without a model
     * @param rules re-ranking rules that moved it
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Explanation(Double modelScore, List<String> rules) {
    }
}
