package io.vitrine.pipeline;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.vitrine.validation.FieldViolation;

/**
 * The one table of pipeline parameters: each tunable of {@link PipelineSettings} has exactly one name here, and that
 * name is used by the configuration ({@code vitrine.recommend.<name>}, and
 * {@code vitrine.recommend.scenes.<scene>.<name>} for a scene's plan), by experiment variants ({@code params:
 * {"<name>": value}}) and by {@code evaluate --set
 * <name>=<value>}. Values are checked against the same ranges wherever they come from.
 *
 * <pre>
 * recall.SOURCE.quota               candidates from a source (ease, item_cf, embedding, recent, popular, affinity,
 *                                   trending, new_arrivals), 0..1000; 0 turns the source off
 * recall.SOURCE.weight              its weight in the candidate merge, 0..100; 0 turns it off
 * recall.SOURCE.seeds               ease, item_cf, embedding, recent: most recent history items used, 1..1000
 * recall.SOURCE.seed-half-life      ease, item_cf, embedding, recent: recency half-life of a seed's weight (ISO-8601
 *                                   duration, PT0S: every seed weighs 1), at most 3650 days
 * recall.max-candidates             most merged candidates ranked, 1..5000
 * recall.new-arrivals-window        how recently an item must have been listed to be a new arrival (duration)
 * filter.purchased-window           items bought within this window are not recommended (duration)
 * rank.recall-weight                weight of the recall order against the model's order, 0..100 (0: the model alone)
 * rerank.diversity.max-per-category 1..100
 * rerank.diversity.max-per-brand    1..100
 * rerank.diversity.window           1..100
 * rerank.freshness.days             0..365
 * rerank.freshness.boost            0..10
 * rerank.promotion.boost            0..10
 * rerank.exploration.epsilon        0..1
 * </pre>
 *
 * Experiments may also set {@value #MODEL_VERSION}, the bundle version to rank with.
 */
public final class PipelineParameters {
    /** The bundle version a variant ranks with (experiments only). */
    public static final String MODEL_VERSION = "model.version";

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final long MAX_DURATION_DAYS = 3650;
    private static final Map<String, Parameter> TABLE;

    static {
        Map<String, Parameter> table = new LinkedHashMap<>();
        for (String source : PipelineSettings.SOURCES) {
            String prefix = "recall." + source + ".";
            add(table, integer(prefix + "quota", 0, 1000, s -> s.recall().source(source).quota(),
                    (s, v) -> s.withRecall(s.recall().withSource(source, s.recall().source(source).withQuota(v)))));
            add(table, number(prefix + "weight", 0, 100, s -> s.recall().source(source).weight(),
                    (s, v) -> s.withRecall(s.recall().withSource(source, s.recall().source(source).withWeight(v)))));
            if (PipelineSettings.NEIGHBOUR_SOURCES.contains(source)) {
                add(table, integer(prefix + "seeds", 1, 1000, s -> s.recall().source(source).seeds(),
                        (s, v) -> s.withRecall(
                                s.recall().withSource(source, s.recall().source(source).withSeeds(v)))));
                add(table, duration(prefix + "seed-half-life", s -> s.recall().source(source).seedHalfLife(),
                        (s, v) -> s.withRecall(
                                s.recall().withSource(source, s.recall().source(source).withSeedHalfLife(v)))));
            }
        }
        add(table, integer("recall.max-candidates", 1, 5000, s -> s.recall().maxCandidates(),
                (s, v) -> s.withRecall(s.recall().withMaxCandidates(v))));
        add(table, duration("recall.new-arrivals-window", s -> s.recall().newArrivalsWindow(),
                (s, v) -> s.withRecall(s.recall().withNewArrivalsWindow(v))));
        add(table, duration("filter.purchased-window", s -> s.filter().purchasedWindow(),
                (s, v) -> s.withFilter(new PipelineSettings.Filter(v))));
        add(table, number("rank.recall-weight", 0, 100, s -> s.rank().recallWeight(),
                (s, v) -> s.withRank(new PipelineSettings.Rank(v))));
        add(table, integer("rerank.diversity.max-per-category", 1, 100, s -> s.rerank().diversity().maxPerCategory(),
                (s, v) -> s.withRerank(s.rerank().withDiversity(s.rerank().diversity().withMaxPerCategory(v)))));
        add(table, integer("rerank.diversity.max-per-brand", 1, 100, s -> s.rerank().diversity().maxPerBrand(),
                (s, v) -> s.withRerank(s.rerank().withDiversity(s.rerank().diversity().withMaxPerBrand(v)))));
        add(table, integer("rerank.diversity.window", 1, 100, s -> s.rerank().diversity().window(),
                (s, v) -> s.withRerank(s.rerank().withDiversity(s.rerank().diversity().withWindow(v)))));
        add(table, number("rerank.freshness.days", 0, 365, s -> s.rerank().freshness().days(),
                (s, v) -> s.withRerank(s.rerank().withFreshness(s.rerank().freshness().withDays(v)))));
        add(table, number("rerank.freshness.boost", 0, 10, s -> s.rerank().freshness().boost(),
                (s, v) -> s.withRerank(s.rerank().withFreshness(s.rerank().freshness().withBoost(v)))));
        add(table, number("rerank.promotion.boost", 0, 10, s -> s.rerank().promotionBoost(),
                (s, v) -> s.withRerank(s.rerank().withPromotionBoost(v))));
        add(table, number("rerank.exploration.epsilon", 0, 1, s -> s.rerank().explorationEpsilon(),
                (s, v) -> s.withRerank(s.rerank().withExplorationEpsilon(v))));
        TABLE = Collections.unmodifiableMap(table);
    }

    private PipelineParameters() {
    }

    /** Every parameter name of the table, in table order (without {@value #MODEL_VERSION}). */
    public static List<String> settingNames() {
        return List.copyOf(TABLE.keySet());
    }

    /** Every name an experiment variant may set, sorted. */
    public static List<String> names() {
        TreeSet<String> names = new TreeSet<>(TABLE.keySet());
        names.add(MODEL_VERSION);
        return List.copyOf(names);
    }

    /** The value of a parameter in {@code settings}, as the configuration would write it. */
    public static String valueOf(PipelineSettings settings, String name) {
        Parameter p = TABLE.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no pipeline parameter " + name);
        }
        Object value = p.get().apply(settings);
        return value instanceof Double d ? format(d) : value.toString();
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
            } else if (TABLE.containsKey(name)) {
                TABLE.get(name).check(value).ifPresent(message -> out.add(new FieldViolation(path, message)));
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

    /**
     * The settings with parameters applied: JSON values of a validated variant (numbers; durations as ISO-8601 text) or
     * text from the configuration or the command line. {@value #MODEL_VERSION} is ignored here.
     *
     * @throws IllegalArgumentException naming the parameter when a name is unknown or a value is invalid
     */
    public static PipelineSettings apply(PipelineSettings base, Map<String, ?> params) {
        PipelineSettings out = base;
        for (Map.Entry<String, ?> e : params.entrySet()) {
            if (MODEL_VERSION.equals(e.getKey())) {
                continue;
            }
            Parameter p = TABLE.get(e.getKey());
            if (p == null) {
                throw new IllegalArgumentException(e.getKey() + " is not a pipeline parameter; known: "
                        + String.join(", ", settingNames()));
            }
            Object value = p.parse(e.getValue());
            out = p.set().apply(out, value);
        }
        return out;
    }

    /**
     * The settings with every parameter that {@code lookup} finds applied (the configuration: {@code lookup} maps a
     * parameter name to its configured text).
     *
     * @param source names where the values come from in errors, e.g. {@code vitrine.recommend.}
     * @throws IllegalArgumentException naming the key when a value is invalid
     */
    public static PipelineSettings configured(PipelineSettings base, Function<String, Optional<String>> lookup,
            String source) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String name : TABLE.keySet()) {
            lookup.apply(name).ifPresent(text -> found.put(name, text));
        }
        try {
            return apply(base, found);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + e.getMessage(), e);
        }
    }

    /** How values of a parameter are read and checked. */
    private record Parameter(String name, Kind kind, double min, double max,
            Function<PipelineSettings, Object> get, BiFunction<PipelineSettings, Object, PipelineSettings> set) {

        /** Why a JSON value (or configuration text) is not acceptable, if it is not. */
        Optional<String> check(Object value) {
            try {
                parse(value);
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of(describe());
            }
        }

        String describe() {
            return switch (kind) {
                case INTEGER -> "must be an integer between " + format(min) + " and " + format(max);
                case NUMBER -> "must be a number between " + format(min) + " and " + format(max);
                case DURATION -> "must be an ISO-8601 duration between PT0S and P" + MAX_DURATION_DAYS + "D";
            };
        }

        /** The typed value, or an {@link IllegalArgumentException} naming the parameter. */
        Object parse(Object raw) {
            Object value = switch (kind) {
                case INTEGER, NUMBER -> number(raw);
                case DURATION -> duration(raw);
            };
            if (value == null) {
                throw new IllegalArgumentException(name + " " + describe() + ", not " + raw);
            }
            return value;
        }

        private Object number(Object raw) {
            double v;
            if (raw instanceof Number n) {
                v = n.doubleValue();
            } else if (raw instanceof String s) {
                try {
                    v = Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            } else {
                return null;
            }
            if (Double.isNaN(v) || v < min || v > max) {
                return null;
            }
            if (kind == Kind.INTEGER) {
                return v == Math.rint(v) ? (Object) (int) v : null;
            }
            return v;
        }

        private static Duration duration(Object raw) {
            if (!(raw instanceof String s)) {
                return null;
            }
            try {
                Duration d = Duration.parse(s.trim());
                return d.isNegative() || d.compareTo(Duration.ofDays(MAX_DURATION_DAYS)) > 0 ? null : d;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private enum Kind {
        INTEGER, NUMBER, DURATION
    }

    private static void add(Map<String, Parameter> table, Parameter p) {
        table.put(p.name(), p);
    }

    private static Parameter integer(String name, int min, int max, Function<PipelineSettings, Integer> get,
            BiFunction<PipelineSettings, Integer, PipelineSettings> set) {
        return new Parameter(name, Kind.INTEGER, min, max, get::apply, (s, v) -> set.apply(s, (Integer) v));
    }

    private static Parameter number(String name, double min, double max, Function<PipelineSettings, Double> get,
            BiFunction<PipelineSettings, Double, PipelineSettings> set) {
        return new Parameter(name, Kind.NUMBER, min, max, get::apply, (s, v) -> set.apply(s, (Double) v));
    }

    private static Parameter duration(String name, Function<PipelineSettings, Duration> get,
            BiFunction<PipelineSettings, Duration, PipelineSettings> set) {
        return new Parameter(name, Kind.DURATION, 0, MAX_DURATION_DAYS, get::apply,
                (s, v) -> set.apply(s, (Duration) v));
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** For tests and documentation: every parameter with its value in {@code settings}, in table order. */
    public static Map<String, String> describe(PipelineSettings settings) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : TABLE.keySet()) {
            out.put(name, valueOf(settings, name));
        }
        return out;
    }

    /** Names of the parameters whose value differs between two settings, in table order. */
    public static List<String> differences(PipelineSettings a, PipelineSettings b) {
        List<String> out = new ArrayList<>();
        for (Parameter p : TABLE.values()) {
            if (!p.get().apply(a).equals(p.get().apply(b))) {
                out.add(p.name());
            }
        }
        return out;
    }
}
