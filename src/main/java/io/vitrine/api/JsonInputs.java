package io.vitrine.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.ValidationException;

/**
 * Converts JSON bodies into the core's input records, turning Jackson's type errors into field violations with the JSON
 * path of the field, so a batch reports the wrong types of all its elements together.
 */
public final class JsonInputs {
    /** Wrongly typed fields reported per object before giving up on binding it. */
    private static final int MAX_TYPE_ERRORS = 16;
    private JsonInputs() {
    }

    /**
     * Reads the array under {@code field} of a batch body.
     *
     * @param maxSize checked before any element is converted (a huge array is refused cheaply)
     * @param out receives conversion violations as {@code field[i].path}; failed elements come back as null
     */
    static <T> List<T> readBatch(ObjectMapper mapper, JsonNode body, String field, int maxSize, Class<T> type,
            List<FieldViolation> out) {
        JsonNode array = body.get(field);
        if (array == null || !array.isArray()) {
            throw new ValidationException("Invalid batch",
                    List.of(new FieldViolation(field, "must be an array")));
        }
        if (array.isEmpty() || array.size() > maxSize) {
            throw new ValidationException("Invalid batch", List.of(new FieldViolation(field,
                    "must contain between 1 and " + maxSize + " elements, got " + array.size())));
        }
        List<T> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            values.add(read(mapper, array.get(i), type, field + "[" + i + "]", out));
        }
        return values;
    }

    /**
     * Converts one object. A field of the wrong type is reported and left out, and the rest is still bound, so the
     * validator can report the object's other errors in the same answer; null only when the node is not an object.
     */
    public static <T> T read(ObjectMapper mapper, JsonNode node, Class<T> type, String path, List<FieldViolation> out) {
        if (node == null || !node.isObject()) {
            out.add(new FieldViolation(path, "must be an object"));
            return null;
        }
        ObjectNode remaining = ((ObjectNode) node).deepCopy();
        for (int attempt = 0; attempt <= MAX_TYPE_ERRORS; attempt++) {
            try {
                return mapper.treeToValue(remaining, type);
            } catch (JsonMappingException e) {
                out.add(violation(e, path));
                if (!removeFailedField(remaining, e)) {
                    return null;
                }
            } catch (JsonProcessingException e) {
                out.add(new FieldViolation(path, shortMessage(e)));
                return null;
            }
        }
        return null;
    }

    /**
     * Removes the top-level field a mapping exception points into (all of {@code context} when {@code context.device}
     * is wrong), so the rest can be bound; false when it points at no field.
     */
    private static boolean removeFailedField(ObjectNode root, JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        if (refs.isEmpty() || refs.get(0).getFieldName() == null || !root.has(refs.get(0).getFieldName())) {
            return false;
        }
        root.remove(refs.get(0).getFieldName());
        return true;
    }

    /** A violation naming the field Jackson failed on, e.g. {@code events[2].quantity: must be an integer}. */
    static FieldViolation violation(JsonMappingException e, String prefix) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String message = e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? "must be " + describe(mismatch.getTargetType())
                : shortMessage(e);
        return new FieldViolation(path.length() == 0
                ? prefix
                : prefix.isEmpty()
                        ? path.toString()
                        : prefix + "." + path,
                message);
    }

    /** Jackson's message without its source location and internal class names. */
    static String shortMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "is not valid JSON";
        }
        message = message.replaceAll("(?s)\\s*\\(through reference chain.*", "")
                .replaceAll("(?s)\\s*at \\[Source.*", "")
                .replaceAll("`?(java\\.lang\\.|io\\.vitrine\\.[a-z.]+)`?", "");
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}
