package io.vitrine.wire;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vitrine.pipeline.RecommendRequest;
import io.vitrine.validation.ElementSchemas;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.Fields;
import io.vitrine.validation.ValidationException;

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
        @Schema(maxLength = 64, description = "Where the list is shown; free text without control characters. A"
                + " scene with a plan of its own (vitrine.recommend.scenes.<scene>.*) runs that plan, any other the"
                + " default pipeline", examples = "home") String scene,
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
    @Schema(name = "RecommendContext", description = "Where the list is asked for; every part is optional. Only"
            + " sessionId changes the list today; the others are validated and accepted for context-aware ranking")
    public record ContextInput(
            @Schema(maxLength = 64, description = "The device class", examples = "ios") String device,
            @Schema(maxLength = 35, description = "A BCP 47 language tag", examples = "de-CH") String locale,
            @Schema(minLength = 1, maxLength = Fields.MAX_ID_LENGTH, description = "The app session: the"
                    + " exploration slot is drawn per user and session, so refreshing a list within a session does"
                    + " not reshuffle it", examples = "s-77") String sessionId,
            @Schema(maxLength = Fields.MAX_ID_LENGTH, description = "The marketing campaign that brought the user",
                    examples = "spring-sale") String campaign,
            @Schema(format = "date-time", description = "The client's clock (RFC 3339, years 0000 to 9999);"
                    + " informative only, the server's clock decides",
                    examples = "2026-11-26T10:15:30Z") String timestamp) {
    }

    /**
     * Validates a request, reporting every invalid field.
     *
     * @param in the parsed body, null when it was not an object
     * @param parseViolations wrong-type errors found while parsing
     * @throws ValidationException listing every invalid field
     */
    public static RecommendRequest validate(RecommendInput in, List<FieldViolation> parseViolations) {
        List<FieldViolation> out = new ArrayList<>(parseViolations);
        if (in == null) {
            out.add(new FieldViolation("", "must be a request object"));
            throw new ValidationException("Invalid request", out);
        }
        Fields.requireId(in.userId(), "userId", out);
        int count = in.count() == null ? RecommendRequest.DEFAULT_COUNT : in.count();
        if (count < 1 || count > RecommendRequest.MAX_COUNT) {
            out.add(new FieldViolation("count", "must be between 1 and " + RecommendRequest.MAX_COUNT));
        }
        Fields.optionalText(in.scene(), "scene", 64, out);
        Fields.optionalId(in.itemId(), "itemId", out);
        Set<String> exclude = new LinkedHashSet<>();
        if (in.exclude() != null) {
            if (in.exclude().size() > RecommendRequest.MAX_EXCLUDE) {
                out.add(new FieldViolation("exclude",
                        "must have at most " + RecommendRequest.MAX_EXCLUDE + " item ids"));
            } else {
                for (int i = 0; i < in.exclude().size(); i++) {
                    Fields.requireId(in.exclude().get(i), "exclude[" + i + "]", out);
                    if (in.exclude().get(i) != null) {
                        exclude.add(in.exclude().get(i));
                    }
                }
            }
        }
        if (in.context() != null) {
            ContextInput c = in.context();
            Fields.optionalText(c.device(), "context.device", 64, out);
            Fields.optionalText(c.locale(), "context.locale", 35, out);
            Fields.optionalId(c.sessionId(), "context.sessionId", out);
            Fields.optionalText(c.campaign(), "context.campaign", Fields.MAX_ID_LENGTH, out);
            Fields.optionalInstant(c.timestamp(), "context.timestamp", out);
        }
        List<FieldViolation> typeErrors = List.copyOf(parseViolations);
        out.removeIf(v -> !typeErrors.contains(v) && typeErrors.stream().anyMatch(v::overlaps));
        if (!out.isEmpty()) {
            throw new ValidationException("Invalid recommend request", out);
        }
        return new RecommendRequest(in.userId(), count, in.scene(), Optional.ofNullable(in.itemId()), exclude,
                in.explain() != null && in.explain(),
                Optional.ofNullable(in.context()).map(ContextInput::sessionId));
    }
}
