package io.vitrine.wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.vitrine.experiment.Bucketing;
import io.vitrine.experiment.Experiment;
import io.vitrine.experiment.ExperimentStatus;
import io.vitrine.experiment.Variant;
import io.vitrine.pipeline.PipelineParameters;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.ValidationException;

/** Turns an {@link ExperimentInput} into an {@link Experiment}, reporting every invalid field at once. */
public final class ExperimentValidator {
    /** Experiment ids and variant names: they travel inside request ids, so a small alphabet without separators. */
    static final Pattern ID = Pattern.compile(ExperimentInput.ID_PATTERN);
    /** Layers and salts: no {@code |} or {@code :}, which separate them from the user id in the hashed text. */
    static final Pattern NAME = Pattern.compile(ExperimentInput.NAME_PATTERN);
    private static final Pattern PARAM = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final int MAX_VARIANTS = 20;
    private static final int MAX_PARAMS = 50;
    private static final int MAX_TEXT_PARAM = 1000;

    private ExperimentValidator() {
    }

    /** Whether a text is a valid experiment id. */
    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Validates an experiment definition.
     *
     * @param parseViolations wrong-type errors found while reading the JSON
     * @param revision the revision the stored experiment will have
     * @throws ValidationException listing every invalid field
     */
    public static Experiment validate(String id, ExperimentInput in, List<FieldViolation> parseViolations,
            long revision, Instant now) {
        List<FieldViolation> out = new ArrayList<>();
        if (!validId(id)) {
            out.add(new FieldViolation("id", "must be 1 to 64 letters, digits, '_' or '-'"));
        }
        if (in == null) {
            out.add(new FieldViolation("", "must be an experiment object"));
            throw new ValidationException("Invalid experiment", merge(parseViolations, out));
        }
        String layer = in.layer();
        if (layer == null) {
            out.add(new FieldViolation("layer", "is required"));
        } else if (!NAME.matcher(layer).matches()) {
            out.add(new FieldViolation("layer", "must be 1 to 64 letters, digits, '.', '_' or '-'"));
        }
        String salt = in.salt() == null ? id : in.salt();
        if (in.salt() != null && !NAME.matcher(in.salt()).matches()) {
            out.add(new FieldViolation("salt", "must be 1 to 64 letters, digits, '.', '_' or '-'"));
        }
        ExperimentStatus status = ExperimentStatus.DRAFT;
        if (in.status() != null) {
            status = ExperimentStatus.fromWire(in.status()).orElse(null);
            if (status == null) {
                out.add(new FieldViolation("status", "must be one of draft, running, stopped"));
            }
        }
        double coverage = in.coverage() == null ? 1.0 : in.coverage();
        if (!(coverage >= 0 && coverage <= 1)) {
            out.add(new FieldViolation("coverage", "must be between 0 and 1"));
        }
        int offset = in.offset() == null ? 0 : in.offset();
        if (offset < 0 || offset >= Bucketing.BUCKETS) {
            out.add(new FieldViolation("offset", "must be between 0 and " + (Bucketing.BUCKETS - 1)));
        } else if (coverage >= 0 && coverage <= 1
                && offset + Math.round(coverage * Bucketing.BUCKETS) > Bucketing.BUCKETS) {
            out.add(new FieldViolation("coverage", "offset + coverage x 10000 must not exceed 10000"));
        }
        if (in.revision() != null && in.revision() < 0) {
            out.add(new FieldViolation("revision", "must not be negative"));
        }
        List<Variant> variants = variants(in.variants(), Experiment.RECOMMEND_LAYER.equals(layer), out);
        List<FieldViolation> all = merge(parseViolations, out);
        if (!all.isEmpty()) {
            throw new ValidationException("Invalid experiment; nothing was stored", all);
        }
        return new Experiment(id, layer, salt, status, coverage, offset, variants, revision, now);
    }

    private static List<Variant> variants(List<ExperimentInput.VariantInput> inputs, boolean recommendLayer,
            List<FieldViolation> out) {
        List<Variant> variants = new ArrayList<>();
        if (inputs == null) {
            out.add(new FieldViolation("variants", "is required"));
            return variants;
        }
        if (inputs.size() < 2 || inputs.size() > MAX_VARIANTS) {
            out.add(new FieldViolation("variants", "must have 2 to " + MAX_VARIANTS + " variants"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            String field = "variants[" + i + "]";
            ExperimentInput.VariantInput v = inputs.get(i);
            if (v == null) {
                out.add(new FieldViolation(field, "must be a variant object"));
                continue;
            }
            if (v.name() == null) {
                out.add(new FieldViolation(field + ".name", "is required"));
            } else if (!ID.matcher(v.name()).matches()) {
                out.add(new FieldViolation(field + ".name", "must be 1 to 64 letters, digits, '_' or '-'"));
            } else if (!names.add(v.name())) {
                out.add(new FieldViolation(field + ".name", "repeats the name of an earlier variant"));
            }
            double weight = v.weight() == null ? 1.0 : v.weight();
            if (!(weight > 0) || Double.isInfinite(weight)) {
                out.add(new FieldViolation(field + ".weight", "must be a positive number"));
            }
            // A copy that accepts null lookups (Map.of() throws on them); JSON may carry null names or values.
            Map<String, Object> params = new LinkedHashMap<>(v.params() == null ? Map.of() : v.params());
            if (params.containsKey(null) || params.containsValue(null)) {
                out.add(new FieldViolation(field + ".params", "must not hold null"));
                params.clear();
            }
            if (recommendLayer) {
                PipelineParameters.validate(params, field + ".params", out);
            } else {
                appParams(params, field + ".params", out);
            }
            variants.add(new Variant(v.name() == null ? "" : v.name(), weight, params));
        }
        return variants;
    }

    /** The app's own parameters: named scalars a client reads from {@code ab-assign}. */
    private static void appParams(Map<String, Object> params, String field, List<FieldViolation> out) {
        if (params.size() > MAX_PARAMS) {
            out.add(new FieldViolation(field, "must have at most " + MAX_PARAMS + " parameters"));
            return;
        }
        params.forEach((name, value) -> {
            String path = field + "." + name;
            if (!PARAM.matcher(name).matches()) {
                out.add(new FieldViolation(field, "parameter names must be 1 to 64 letters, digits, '.', '_' or '-'"));
            } else if (value instanceof String s
                    ? s.length() > MAX_TEXT_PARAM
                    : value instanceof Number n ? !Double.isFinite(n.doubleValue()) : !(value instanceof Boolean)) {
                out.add(new FieldViolation(path, "must be a string (at most " + MAX_TEXT_PARAM
                        + " characters), a finite number or a boolean"));
            }
        });
    }

    private static List<FieldViolation> merge(List<FieldViolation> typeErrors, List<FieldViolation> own) {
        List<FieldViolation> out = new ArrayList<>(typeErrors);
        own.stream().filter(v -> typeErrors.stream().noneMatch(v::overlaps)).forEach(out::add);
        return out;
    }
}
