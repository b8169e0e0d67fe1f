package io.vitrine.wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vitrine.catalog.Item;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.Fields;
import io.vitrine.validation.ValidationException;

/** Validates items; a batch is all or nothing, like events. */
public final class ItemValidator {
    /** Most items in one batch upsert call. */
    public static final int MAX_BATCH_SIZE = 1000;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** Most tags of one item. */
    public static final int MAX_TAGS = 50;
    /** Longest tag. */
    static final int MAX_TAG_LENGTH = 64;

    private ItemValidator() {
    }

    /** Validates one item; returns null and records violations (paths relative to the item) when invalid. */
    public static Item validate(ItemInput in, List<FieldViolation> out) {
        if (in == null) {
            out.add(new FieldViolation("", "must be an item object"));
            return null;
        }
        int before = out.size();
        Fields.requireId(in.itemId(), "itemId", out);
        Fields.optionalText(in.title(), "title", 512, out);
        Fields.optionalText(in.category(), "category", Fields.MAX_ID_LENGTH, out);
        Fields.optionalText(in.brand(), "brand", Fields.MAX_ID_LENGTH, out);
        if (in.price() != null && (!Double.isFinite(in.price()) || in.price() < 0 || in.price() > 1e12)) {
            out.add(new FieldViolation("price", "must be a number between 0 and 1000000000000"));
        }
        if (in.currency() != null && !CURRENCY.matcher(in.currency()).matches()) {
            out.add(new FieldViolation("currency", "must be an ISO 4217 code such as EUR"));
        }
        Instant createdAt = Fields.optionalInstant(in.createdAt(), "createdAt", out);
        if (in.tags() != null) {
            if (in.tags().size() > MAX_TAGS) {
                out.add(new FieldViolation("tags", "must have at most " + MAX_TAGS + " entries"));
            } else {
                for (int i = 0; i < in.tags().size(); i++) {
                    String tag = in.tags().get(i);
                    if (tag == null || tag.isBlank()) {
                        out.add(new FieldViolation("tags[" + i + "]", "must not be blank"));
                    } else if (tag.contains("|")) {
                        out.add(new FieldViolation("tags[" + i + "]", "must not contain '|'"));
                    } else {
                        Fields.optionalText(tag, "tags[" + i + "]", MAX_TAG_LENGTH, out);
                    }
                }
            }
        }
        if (out.size() > before) {
            return null;
        }
        return new Item(in.itemId(), Fields.emptyToNull(in.title()), Fields.emptyToNull(in.category()),
                Fields.emptyToNull(in.brand()), in.price(), in.currency(),
                in.inStock() == null || in.inStock(), createdAt, in.tags(),
                in.promoted() != null && in.promoted(), in.blocked() != null && in.blocked());
    }

    /**
     * Validates a batch whole; violations are reported as {@code items[i].field}.
     *
     * @param parseViolations wrong-type errors found while parsing; the inputs that failed are null and skipped
     */
    public static List<Item> validateBatch(List<ItemInput> inputs, List<FieldViolation> parseViolations) {
        if (inputs == null || inputs.isEmpty() || inputs.size() > MAX_BATCH_SIZE) {
            throw new ValidationException("Invalid batch", List.of(new FieldViolation("items",
                    "must contain between 1 and " + MAX_BATCH_SIZE + " items")));
        }
        List<FieldViolation> violations = new ArrayList<>(parseViolations);
        List<Item> items = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == null && !parseViolations.isEmpty()) {
                continue;
            }
            List<FieldViolation> own = new ArrayList<>();
            items.add(validate(inputs.get(i), own));
            String prefix = "items[" + i + "]";
            // A field already reported with the wrong type was left out when binding: do not report it twice.
            own.stream()
                    .map(v -> v.under(prefix))
                    .filter(v -> parseViolations.stream().noneMatch(v::overlaps))
                    .forEach(violations::add);
        }
        if (!violations.isEmpty()) {
            throw new ValidationException("Some items are invalid; none was stored", violations);
        }
        return items;
    }

    /** The OpenAPI schema of one tag (see {@link io.vitrine.validation.ElementSchemas}). */
    @Schema(name = "Tag", type = SchemaType.STRING, minLength = 1, maxLength = MAX_TAG_LENGTH,
            description = "A tag: not blank, at most 64 characters, no control characters and no '|'",
            examples = "5g")
    public static final class TagSchema {
        private TagSchema() {
        }
    }
}
