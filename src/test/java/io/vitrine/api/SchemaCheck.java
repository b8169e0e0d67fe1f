package io.vitrine.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a JSON value against a schema of the OpenAPI document: the keywords the document uses ({@code $ref},
 * {@code type} with {@code "null"}, {@code properties}, {@code required}, {@code items}, {@code enum}, the length,
 * range and size bounds, {@code pattern}, and the formats {@code date-time} and {@code uri}). Stricter than JSON Schema
 * in one way: a property the schema does not declare is reported (unless it has {@code additionalProperties}), because
 * an answer with undocumented fields means the document is incomplete.
 */
final class SchemaCheck {
    private final JsonNode document;

    SchemaCheck(JsonNode document) {
        this.document = document;
    }

    /** What is wrong with {@code value} under {@code schema}, one line each with the JSON path; empty when valid. */
    List<String> check(JsonNode value, JsonNode schema) {
        List<String> out = new ArrayList<>();
        check("$", value, schema, out);
        return out;
    }

    private void check(String path, JsonNode value, JsonNode schemaOrRef, List<String> out) {
        JsonNode schema = OpenApiDocuments.resolve(document, schemaOrRef);
        if (!typeMatches(value, schema.path("type"))) {
            out.add(path + ": " + value.getNodeType() + " where the schema says " + schema.path("type"));
            return;
        }
        if (value.isNull()) {
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            out.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value.isTextual()) {
            checkText(path, value.asText(), schema, out);
        } else if (value.isNumber()) {
            checkNumber(path, value, schema, out);
        } else if (value.isArray()) {
            bound(path, "items", value.size(), schema.path("minItems"), schema.path("maxItems"), out);
            for (int i = 0; i < value.size(); i++) {
                if (schema.has("items")) {
                    check(path + "[" + i + "]", value.get(i), schema.get("items"), out);
                }
            }
        } else if (value.isObject()) {
            checkObject(path, value, schema, out);
        }
    }

    private void checkObject(String path, JsonNode value, JsonNode schema, List<String> out) {
        for (JsonNode name : schema.path("required")) {
            if (!value.has(name.asText())) {
                out.add(path + "." + name.asText() + ": required but absent");
            }
        }
        JsonNode properties = schema.path("properties");
        value.properties().forEach(field -> {
            if (properties.has(field.getKey())) {
                check(path + "." + field.getKey(), field.getValue(), properties.get(field.getKey()), out);
            } else if (schema.has("additionalProperties")) {
                JsonNode additional = schema.get("additionalProperties");
                if (additional.isObject() && !additional.isEmpty()) {
                    check(path + "." + field.getKey(), field.getValue(), additional, out);
                }
            } else {
                out.add(path + "." + field.getKey() + ": not in the schema");
            }
        });
    }

    private static void checkText(String path, String text, JsonNode schema, List<String> out) {
        bound(path, "characters", text.length(), schema.path("minLength"), schema.path("maxLength"), out);
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            out.add(path + ": \"" + text + "\" does not match " + schema.get("pattern").asText());
        }
        String format = schema.path("format").asText("");
        if (format.equals("date-time")) {
            try {
                OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                out.add(path + ": \"" + text + "\" is not a date-time");
            }
        } else if (format.equals("uri")) {
            try {
                if (!new URI(text).isAbsolute()) {
                    out.add(path + ": \"" + text + "\" is not an absolute URI");
                }
            } catch (URISyntaxException e) {
                out.add(path + ": \"" + text + "\" is not a URI");
            }
        }
    }

    private static void checkNumber(String path, JsonNode value, JsonNode schema, List<String> out) {
        double v = value.asDouble();
        if (schema.has("minimum") && v < schema.get("minimum").asDouble()) {
            out.add(path + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && v > schema.get("maximum").asDouble()) {
            out.add(path + ": " + value + " is above the maximum " + schema.get("maximum"));
        }
        if (schema.path("exclusiveMinimum").isNumber() && v <= schema.get("exclusiveMinimum").asDouble()) {
            out.add(path + ": " + value + " is not above " + schema.get("exclusiveMinimum"));
        }
    }

    private static void bound(String path, String unit, int size, JsonNode min, JsonNode max, List<String> out) {
        if (min.isNumber() && size < min.asInt()) {
            out.add(path + ": " + size + " " + unit + ", fewer than " + min.asInt());
        }
        if (max.isNumber() && size > max.asInt()) {
            out.add(path + ": " + size + " " + unit + ", more than " + max.asInt());
        }
    }

    private static boolean typeMatches(JsonNode value, JsonNode type) {
        if (type.isMissingNode()) {
            return true;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(value, t)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "null" -> value.isNull();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber()
                    || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> false;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value) || v.isValueNode() && v.asText().equals(value.asText())) {
                return true;
            }
        }
        return false;
    }
}
