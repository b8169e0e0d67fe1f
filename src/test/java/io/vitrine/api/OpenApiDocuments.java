package io.vitrine.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Reading, walking and comparing OpenAPI documents as parsed trees. */
final class OpenApiDocuments {
    /** The committed document: the contract, and the input of the generated clients. */
    static final Path COMMITTED = Path.of("src", "main", "openapi", "openapi.yaml");
    /** Set to {@code true} to rewrite {@link #COMMITTED} from the served document instead of comparing. */
    static final String UPDATE_PROPERTY = "openapi.update";
    /** How to regenerate the committed file, printed with every difference. */
    static final String REGENERATE = "./mvnw test -Dtest=OpenApiDocumentTest -D" + UPDATE_PROPERTY + "=true";
    /** The HTTP methods an OpenAPI path item may hold. */
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private OpenApiDocuments() {
    }

    static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode committed() {
        try {
            return parse(Files.readString(COMMITTED));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + COMMITTED + "; create it with " + REGENERATE, e);
        }
    }

    /** Calls {@code action} with the path and the operation node of every operation. */
    static void forEachOperation(JsonNode document, BiConsumer<String, Map.Entry<String, JsonNode>> action) {
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                action.accept(path.getKey(), op);
            }
        }));
    }

    /** Follows a local {@code $ref} ({@code #/components/...}) if {@code node} is one. */
    static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("Not a local reference: " + ref);
            }
            current = document.at(ref.substring(1));
        }
        return current;
    }

    /**
     * The differences between two trees, one line each, with the path where they differ ({@code paths["/v1/recommend"]
     * .post.responses.429}). Object members compare regardless of order, arrays element by element.
     */
    static List<String> differences(JsonNode committed, JsonNode served) {
        List<String> out = new ArrayList<>();
        diff("", committed, served, out);
        return out;
    }

    private static void diff(String path, JsonNode committed, JsonNode served, List<String> out) {
        if (committed.equals(served)) {
            return;
        }
        if (committed.isObject() && served.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            committed.fieldNames().forEachRemaining(names::add);
            served.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = path + member(name, path.isEmpty());
                if (!served.has(name)) {
                    out.add("- " + child + ": only in the committed file: " + abbreviate(committed.get(name)));
                } else if (!committed.has(name)) {
                    out.add("+ " + child + ": only served: " + abbreviate(served.get(name)));
                } else {
                    diff(child, committed.get(name), served.get(name), out);
                }
            }
        } else if (committed.isArray() && served.isArray() && committed.size() == served.size()) {
            for (int i = 0; i < committed.size(); i++) {
                diff(path + "[" + i + "]", committed.get(i), served.get(i), out);
            }
        } else {
            out.add("~ " + path + ": committed " + abbreviate(committed) + ", served " + abbreviate(served));
        }
    }

    private static String member(String name, boolean first) {
        if (name.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            return first ? name : "." + name;
        }
        return "[\"" + name + "\"]";
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }

    /** Every {@code $ref} value in the tree. */
    static List<String> references(JsonNode node) {
        List<String> out = new ArrayList<>();
        collectReferences(node, out);
        return out;
    }

    private static void collectReferences(JsonNode node, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    out.add(field.getValue().asText());
                } else {
                    collectReferences(field.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectReferences(element, out));
        }
    }
}
