package io.vitrine.recommend;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vitrine.validation.ElementSchemas;
import io.vitrine.validation.Fields;

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
@Schema(name = "RecommendInput", description = "What to recommend, to whom")
public record RecommendInput(
        @Schema(required = true, minLength = 1, maxLength = Fields.MAX_ID_LENGTH,
                description = "The user (not blank, no control characters); an unknown user gets a cold-start list",
                examples = "u-42") String userId,
        @Schema(minimum = "1", maximum = "" + RecommendRequest.MAX_COUNT,
                defaultValue = "" + RecommendRequest.DEFAULT_COUNT, description = "How many items to return at most",
                examples = "10") Integer count,
        @Schema(maxLength = 64, description = "Where the list is shown; free text without control characters",
                examples = "home") String scene,
        @Schema(minLength = 1, maxLength = Fields.MAX_ID_LENGTH,
                description = "The anchor item (a product page); an unknown anchor is ignored",
                examples = "p-1001") String itemId,
        ContextInput context,
        @Schema(type = SchemaType.ARRAY, implementation = ElementSchemas.Id.class,
                maxItems = RecommendRequest.MAX_EXCLUDE, description = "Items never to return",
                examples = "[\"p-1002\", \"p-1003\"]") List<String> exclude,
        @Schema(defaultValue = "false",
                description = "Whether to return, per item, its model score and the re-ranking rules that moved"
                        + " it") Boolean explain) {

    /**
     * The request context.
     *
     * @param device device class
     * @param locale BCP 47 tag
     * @param sessionId app session
     * @param campaign marketing campaign
     * @param timestamp the client's time (ISO-8601); informative only, the server's clock decides
     */
    @Schema(name = "RecommendContext", description = "Where the list is asked for; every part is optional")
    public record ContextInput(
            @Schema(maxLength = 64, description = "The device class", examples = "ios") String device,
            @Schema(maxLength = 35, description = "A BCP 47 language tag", examples = "de-CH") String locale,
            @Schema(minLength = 1, maxLength = Fields.MAX_ID_LENGTH, description = "The app session",
                    examples = "s-77") String sessionId,
            @Schema(maxLength = Fields.MAX_ID_LENGTH, description = "The marketing campaign that brought the user",
                    examples = "spring-sale") String campaign,
            @Schema(format = "date-time", description = "The client's clock (RFC 3339, years 0000 to 9999);"
                    + " informative only, the server's clock decides",
                    examples = "2026-11-26T10:15:30Z") String timestamp) {
    }
}
