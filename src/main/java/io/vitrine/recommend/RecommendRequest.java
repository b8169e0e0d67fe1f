package io.vitrine.recommend;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.Fields;
import io.vitrine.validation.ValidationException;

/**
 * A validated recommend request.
 *
 * @param userId the user
 * @param count how many items
 * @param scene where the list is shown, may be null
 * @param anchorItemId the anchor item, if any
 * @param exclude items never to return
 * @param explain whether to explain each item
 */
public record RecommendRequest(String userId, int count, String scene, Optional<String> anchorItemId,
        Set<String> exclude, boolean explain) {

    /** Default list length. */
    public static final int DEFAULT_COUNT = 20;
    /** Longest list. */
    public static final int MAX_COUNT = 100;
    /** Most excluded ids. */
    public static final int MAX_EXCLUDE = 500;

    /** Validates input, reporting every invalid field. */
    public static RecommendRequest of(RecommendInput in, List<FieldViolation> parseViolations) {
        List<FieldViolation> out = new ArrayList<>(parseViolations);
        if (in == null) {
            out.add(new FieldViolation("", "must be a request object"));
            throw new ValidationException("Invalid request", out);
        }
        Fields.requireId(in.userId(), "userId", out);
        int count = in.count() == null ? DEFAULT_COUNT : in.count();
        if (count < 1 || count > MAX_COUNT) {
            out.add(new FieldViolation("count", "must be between 1 and " + MAX_COUNT));
        }
        Fields.optionalText(in.scene(), "scene", 64, out);
        Fields.optionalId(in.itemId(), "itemId", out);
        Set<String> exclude = new LinkedHashSet<>();
        if (in.exclude() != null) {
            if (in.exclude().size() > MAX_EXCLUDE) {
                out.add(new FieldViolation("exclude", "must have at most " + MAX_EXCLUDE + " item ids"));
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
            RecommendInput.ContextInput c = in.context();
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
                in.explain() != null && in.explain());
    }
}
