package io.vitrine.wire;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.vitrine.recommend.Recommendation;
import io.vitrine.rerank.RankedItem;

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
@Schema(name = "RecommendResponse", description = "The list, best first, and what produced it")
public record RecommendResponse(
        @Schema(required = true, description = "Unique; send it back as requestId with feedback events so they are"
                + " attributed to this list and its experiments",
                examples = "zv0gJJLdTWu2U6z4F2DpHA") String requestId,
        @Schema(required = true, description = "The user", examples = "u-42") String userId,
        @Schema(required = true) ModelRef model,
        @Schema(required = true,
                description = "The experiment variants that shaped the list; empty when none"
                        + " did") List<ExperimentRef> experiments,
        @Schema(required = true, description = "True when a store was unavailable or too slow and the list is the"
                + " fallback of popular items") boolean degraded,
        @Schema(required = true,
                description = "The items, best first; at most count, fewer when fewer"
                        + " qualify") List<RecommendedItem> items) {

    /**
     * The ranking model.
     *
     * @param name {@code vitrine-ranker}, or {@code recall-score} when no model is loaded
     * @param version the bundle version, null without a model
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ModelRef", description = "The ranking model")
    public record ModelRef(
            @Schema(required = true, description = "vitrine-ranker, or recall-score when no model is loaded",
                    examples = "vitrine-ranker") String name,
            @Schema(required = true, nullable = true, description = "The bundle version; null without a model",
                    examples = "20261126T101530123Z") String version) {
    }

    /**
     * An experiment assignment.
     *
     * @param id experiment id
     * @param variant variant name
     */
    @Schema(name = "ExperimentRef", description = "An experiment variant the user is in")
    public record ExperimentRef(@Schema(required = true, examples = "ranker-2026-11") String id,
            @Schema(required = true, examples = "treatment") String variant) {
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
    @Schema(name = "RecommendedItem", description = "One item of the list")
    public record RecommendedItem(@Schema(required = true, examples = "p-1001") String itemId,
            @Schema(required = true, description = "Its final score (after re-ranking); higher is better",
                    examples = "0.87") double score,
            @Schema(required = true, description = "The recall sources that produced it",
                    examples = "[\"item_cf\", \"trending\"]") List<String> sources,
            Explanation explanation) {
    }

    /**
     * Why an item is where it is.
     *
     * @param modelScore the model's score, null when ranked without a model
     * @param rules re-ranking rules that moved it
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Explanation", description = "Why an item is where it is; present when the request asked for"
            + " explain")
    public record Explanation(
            @Schema(required = true, nullable = true, description = "The model's score; null when ranked without a"
                    + " model", examples = "0.82") Double modelScore,
            @Schema(required = true, description = "The re-ranking rules that moved it",
                    examples = "[\"freshness\"]") List<String> rules) {
    }

    /** The wire form of an answer; {@code explain} adds each item's explanation. */
    public static RecommendResponse of(Recommendation r, boolean explain) {
        boolean modelScored = r.modelVersion().isPresent() && !r.degraded();
        List<RecommendedItem> items = new ArrayList<>(r.items().size());
        for (RankedItem item : r.items()) {
            items.add(new RecommendedItem(item.itemId(), item.score(), item.sources(),
                    explain ? new Explanation(modelScored ? item.score() : null, item.rules()) : null));
        }
        ModelRef model = r.modelVersion()
                .map(version -> new ModelRef("vitrine-ranker", version))
                .orElse(new ModelRef("recall-score", null));
        return new RecommendResponse(r.requestId(), r.userId(), model,
                r.experiments().stream().map(a -> new ExperimentRef(a.experimentId(), a.variant())).toList(),
                r.degraded(), items);
    }
}
