package io.vitrine.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vitrine.experiment.Experiment;
import io.vitrine.experiment.ExperimentStatus;
import io.vitrine.experiment.Variant;

/**
 * The stored form of an experiment: JSON with a format number, read strictly (an unknown format is refused rather than
 * half understood). Built with Jackson's tree model, so no reflection on our classes (native images).
 */
public final class ExperimentCodec {
    /** The format this build writes and reads. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };

    private ExperimentCodec() {
    }

    public static String encode(Experiment e) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("id", e.id());
        root.put("layer", e.layer());
        root.put("salt", e.salt());
        root.put("status", e.status().wireName());
        root.put("coverage", e.coverage());
        root.put("offset", e.offset());
        ArrayNode variants = root.putArray("variants");
        for (Variant v : e.variants()) {
            ObjectNode node = variants.addObject();
            node.put("name", v.name());
            node.put("weight", v.weight());
            node.set("params", JSON.valueToTree(v.params()));
        }
        root.put("revision", e.revision());
        root.put("updatedAt", e.updatedAt().toString());
        return root.toString();
    }

    /** @throws IllegalArgumentException when the text is not an experiment of a known format */
    public static Experiment decode(String text) {
        try {
            JsonNode root = JSON.readTree(text);
            int format = root.path("format").asInt(-1);
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown experiment format " + root.path("format")
                        + "; this build reads format " + FORMAT);
            }
            List<Variant> variants = new ArrayList<>();
            for (JsonNode v : root.required("variants")) {
                variants.add(new Variant(v.required("name").asText(), v.required("weight").asDouble(),
                        JSON.convertValue(v.required("params"), PARAMS)));
            }
            return new Experiment(root.required("id").asText(), root.required("layer").asText(),
                    root.required("salt").asText(),
                    ExperimentStatus.fromWire(root.required("status").asText())
                            .orElseThrow(() -> new IllegalArgumentException("unknown status")),
                    root.required("coverage").asDouble(), root.required("offset").asInt(), variants,
                    root.required("revision").asLong(), Instant.parse(root.required("updatedAt").asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an experiment: " + e.getOriginalMessage(), e);
        }
    }
}
