package io.vitrine.recommend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.vitrine.validation.FieldViolation;

/**
 * The parameters an experiment variant may set on {@code recommend}, named after the stage they tune. Anything else is
 * refused when the experiment is written, so a typo never silently runs the control's settings.
 *
 * <pre>
 * model.version                     the bundle version to rank with (must be published)
 * recall.SOURCE.quota               candidates from a recall source (ease, item_cf, embedding, trending, popular, affinity, new_arrivals), 0..1000
 * recall.SOURCE.weight              weight of a source in the candidate merge, 0..100
 * recall.max-candidates             most candidates ranked, 1..5000
 * rank.recall-weight                weight of the recall order against the model's order, 0..100 (0: the model alone)
 * rerank.diversity.max-per-category 1..100
 * rerank.diversity.max-per-brand    1..100
 * rerank.diversity.window           1..100
 * rerank.freshness.days             0..365
 * rerank.freshness.boost            0..10
 * rerank.promotion.boost            0..10
 * rerank.exploration.epsilon        0..1
 * </pre>
 */
public final class PipelineParameters {
    /** The bundle version a variant ranks with. */
    public static final String MODEL_VERSION = "model.version";
    /** The recall sources whose quota a variant may set. */
    public static final List<String> SOURCES = List.of("ease", "item_cf", "embedding", "trending", "popular",
            "affinity", "new_arrivals");

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Map<String, Range> NUMBERS = new LinkedHashMap<>();

    static {
        for (String source : SOURCES) {
            NUMBERS.put("recall." + source + ".quota", new Range(0, 1000, true));
            NUMBERS.put("recall." + source + ".weight", new Range(0, 100, false));
        }
        NUMBERS.put("rank.recall-weight", new Range(0, 100, false));
        NUMBERS.put("recall.max-candidates", new Range(1, 5000, true));
        NUMBERS.put("rerank.diversity.max-per-category", new Range(1, 100, true));
        NUMBERS.put("rerank.diversity.max-per-brand", new Range(1, 100, true));
        NUMBERS.put("rerank.diversity.window", new Range(1, 100, true));
        NUMBERS.put("rerank.freshness.days", new Range(0, 365, false));
        NUMBERS.put("rerank.freshness.boost", new Range(0, 10, false));
        NUMBERS.put("rerank.promotion.boost", new Range(0, 10, false));
        NUMBERS.put("rerank.exploration.epsilon", new Range(0, 1, false));
    }

    private PipelineParameters() {
    }

    /** Every parameter name, sorted. */
    public static List<String> names() {
        TreeSet<String> names = new TreeSet<>(NUMBERS.keySet());
        names.add(MODEL_VERSION);
        return List.copyOf(names);
    }

    /**
     * Checks a variant's parameters.
     *
     * @param field the path of the parameter object in the request, for violations
     */
    public static void validate(Map<String, Object> params, String field, List<FieldViolation> out) {
        params.forEach((name, value) -> {
            String path = field + "." + name;
            if (MODEL_VERSION.equals(name)) {
                if (!(value instanceof String s) || !VERSION.matcher(s).matches()) {
                    out.add(new FieldViolation(path, "must be a bundle version (letters, digits, '.', '_', '-')"));
                }
            } else if (NUMBERS.containsKey(name)) {
                Range range = NUMBERS.get(name);
                if (!(value instanceof Number n) || !range.contains(n)) {
                    out.add(new FieldViolation(path, "must be " + (range.integral() ? "an integer" : "a number")
                            + " between " + format(range.min()) + " and " + format(range.max())));
                }
            } else {
                out.add(new FieldViolation(path, "is not a recommend parameter; known: " + String.join(", ",
                        names())));
            }
        });
    }

    /** The bundle version the parameters ask for, if any. */
    public static Optional<String> modelVersion(Map<String, Object> params) {
        return Optional.ofNullable(params.get(MODEL_VERSION)).map(Object::toString);
    }

    /** The settings with the parameters applied (already validated); unknown names are ignored. */
    public static RecommendSettings apply(RecommendSettings base, Map<String, Object> params) {
        if (params.isEmpty()) {
            return base;
        }
        Map<String, Integer> quotas = new LinkedHashMap<>(base.quotas());
        Map<String, Double> weights = new LinkedHashMap<>(base.sourceWeights());
        for (String source : SOURCES) {
            number(params, "recall." + source + ".quota").ifPresent(n -> quotas.put(source, n.intValue()));
            number(params, "recall." + source + ".weight").ifPresent(n -> weights.put(source, n.doubleValue()));
        }
        return new RecommendSettings(quotas,
                intOr(params, "recall.max-candidates", base.maxCandidates()),
                intOr(params, "rerank.diversity.max-per-category", base.maxPerCategory()),
                intOr(params, "rerank.diversity.max-per-brand", base.maxPerBrand()),
                intOr(params, "rerank.diversity.window", base.diversityWindow()),
                doubleOr(params, "rerank.freshness.days", base.freshnessDays()),
                doubleOr(params, "rerank.freshness.boost", base.freshnessBoost()),
                doubleOr(params, "rerank.promotion.boost", base.promotionBoost()),
                doubleOr(params, "rerank.exploration.epsilon", base.explorationEpsilon()),
                base.purchasedWindow(), base.fallbackRefresh(), base.cacheTtl(), base.cacheSize(),
                base.newArrivalsWindow(), base.requestTimeout(), base.stageTimeouts(), weights,
                doubleOr(params, "rank.recall-weight", base.recallWeight()));
    }

    private static Optional<Number> number(Map<String, Object> params, String name) {
        return params.get(name) instanceof Number n ? Optional.of(n) : Optional.empty();
    }

    private static int intOr(Map<String, Object> params, String name, int fallback) {
        return number(params, name).map(Number::intValue).orElse(fallback);
    }

    private static double doubleOr(Map<String, Object> params, String name, double fallback) {
        return number(params, name).map(Number::doubleValue).orElse(fallback);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private record Range(double min, double max, boolean integral) {
        boolean contains(Number n) {
            double v = n.doubleValue();
            return !Double.isNaN(v) && v >= min && v <= max && (!integral || v == Math.rint(v));
        }
    }
}
