package io.vitrine.api;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Generates hostile JSON for the property tests of the HTTP edge, and shrinks a failing document to a small one.
 * <p>
 * Documents are a small tree of their own ({@link J}) rather than Jackson nodes so that they can hold what Jackson
 * would refuse to write: lone surrogates, number literals beyond double and long ({@code 1e400}, 2,000 digits), keys
 * repeated in one object. Every choice comes from one seeded {@link SplittableRandom}, so a seed reproduces a run
 * exactly.
 */
final class HostileJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HostileJson() {
    }

    /** A JSON value. */
    sealed interface J permits Obj, Arr, Str, Num, Lit {
    }

    /** An object; a list of members, so a key may repeat. */
    record Obj(List<Map.Entry<String, J>> members) implements J {
    }

    record Arr(List<J> elements) implements J {
    }

    record Str(String value) implements J {
    }

    /** A number written exactly as {@code literal}, which need not fit any Java type. */
    record Num(String literal) implements J {
    }

    /** {@code true}, {@code false} or {@code null}. */
    record Lit(String literal) implements J {
    }

    static final Lit NULL = new Lit("null");

    /** The tree of a valid document (a template). */
    static J parse(String json) {
        try {
            return of(MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    private static J of(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, J>> members = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                members.add(Map.entry(e.getKey(), of(e.getValue())));
            }
            return new Obj(members);
        }
        if (node.isArray()) {
            List<J> elements = new ArrayList<>();
            node.forEach(n -> elements.add(of(n)));
            return new Arr(elements);
        }
        if (node.isTextual()) {
            return new Str(node.textValue());
        }
        if (node.isNumber()) {
            return new Num(node.asText());
        }
        return new Lit(node.asText());
    }

    /**
     * Serializes a document as UTF-8. With {@code escapeNonAscii} every character outside ASCII is written as a
     * {@code \\uXXXX} escape (the only way to send a lone surrogate); without it, characters are encoded as UTF-8 and a
     * lone surrogate still goes out as an escape.
     */
    static byte[] write(J value, boolean escapeNonAscii) {
        StringBuilder out = new StringBuilder();
        write(value, escapeNonAscii, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(J value, boolean escape, StringBuilder out) {
        if (value instanceof Obj obj) {
            out.append('{');
            for (int i = 0; i < obj.members().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeString(obj.members().get(i).getKey(), escape, out);
                out.append(':');
                write(obj.members().get(i).getValue(), escape, out);
            }
            out.append('}');
        } else if (value instanceof Arr arr) {
            out.append('[');
            for (int i = 0; i < arr.elements().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(arr.elements().get(i), escape, out);
            }
            out.append(']');
        } else if (value instanceof Str s) {
            writeString(s.value(), escape, out);
        } else if (value instanceof Num n) {
            out.append(n.literal());
        } else {
            out.append(((Lit) value).literal());
        }
    }

    private static void writeString(String s, boolean escape, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || escape && c > 0x7e
                    || Character.isSurrogate(c) && !pairedSurrogate) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** A short, printable rendering for failure messages (long strings and arrays abbreviated). */
    static String preview(J value) {
        String text = new String(write(abbreviate(value), true), StandardCharsets.UTF_8);
        return text.length() > 600 ? text.substring(0, 600) + "...(" + text.length() + " chars)" : text;
    }

    private static J abbreviate(J value) {
        if (value instanceof Str s && s.value().length() > 40) {
            return new Str(s.value().substring(0, 20) + "...(" + s.value().length() + " chars)");
        }
        if (value instanceof Arr arr) {
            List<J> head = new ArrayList<>();
            arr.elements().stream().limit(5).forEach(e -> head.add(abbreviate(e)));
            if (arr.elements().size() > 5) {
                head.add(new Str("...(" + arr.elements().size() + " elements)"));
            }
            return new Arr(head);
        }
        if (value instanceof Obj obj) {
            List<Map.Entry<String, J>> members = new ArrayList<>();
            obj.members().stream().limit(20).forEach(e -> members.add(Map.entry(e.getKey(), abbreviate(e.getValue()))));
            return new Obj(members);
        }
        return value;
    }

    // ---------------------------------------------------------------- generation

    /** Strings chosen to break validators, encoders and key layouts. */
    static final List<String> NASTY_STRINGS = List.of("", " ", "\t", "\u0000", "a\u0000b", "\u0007", "\r\n",
            "\uD800", "x\uDBFF", "\uDC00", "\uDC00\uD800", "\uFEFF", "\u202Eevil", "\u200B", "e\u0301",
            "\uD83D\uDE00", "\u00e9t\u00e9", "\u4e2d\u6587", "\uFFFF", "\uFFFD",
            "{tag}", "}", "{", "a|b", "*1\r\n$4\r\nPING\r\n", "../../etc/passwd", "%00", "%2F", "' OR 1=1 --",
            "<script>alert(1)</script>", "${jndi:ldap://x/a}", "null", "true", "0", "-1", "NaN", "Infinity",
            "view", "VIEW", "search", "purchase", "EUR", "eur", "EURO",
            "2026-11-26T10:15:30Z", "2026-13-45T25:61:61Z", "+1000000000-12-31T23:59:59.999999999Z",
            "-1000000000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z", "2016-12-31T23:59:60Z", "2026-11-26T10:15:30+01:00", "2026-11-26",
            "x".repeat(129), "x".repeat(513), "\u00e9".repeat(200));

    /** Number literals at and beyond the edges of int, long and double. */
    static final List<String> NASTY_NUMBERS = List.of("0", "-0", "-1", "1", "0.5", "1.5", "-0.0", "2147483647",
            "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "1e308", "-1e308", "1e309", "1e400", "-1e400", "1e-400", "4.9e-324", "1E+2",
            "12345678901234567890123456789",
            "0." + "0".repeat(500) + "1", "9".repeat(2000), "-" + "9".repeat(999));

    /** A hostile value; {@code depth} bounds recursion. */
    static J value(SplittableRandom r, int depth) {
        int pick = r.nextInt(depth > 0 ? 14 : 9);
        return switch (pick) {
            case 0 -> NULL;
            case 1 -> new Lit(r.nextBoolean() ? "true" : "false");
            case 2, 3 -> new Str(NASTY_STRINGS.get(r.nextInt(NASTY_STRINGS.size())));
            case 4 -> new Str(randomString(r, r.nextInt(4) == 0 ? 5_000 + r.nextInt(200_000) : r.nextInt(200)));
            case 5, 6 -> new Num(NASTY_NUMBERS.get(r.nextInt(NASTY_NUMBERS.size())));
            case 7 -> new Num(r.nextBoolean()
                    ? Long.toString(r.nextLong())
                    : new BigDecimal(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20)).toString());
            case 8 -> new Obj(List.of());
            case 9 -> new Arr(List.of());
            case 10 -> bigArray(r);
            case 11 -> nested(r, 1 + r.nextInt(60));
            case 12 -> {
                List<Map.Entry<String, J>> members = new ArrayList<>();
                for (int i = r.nextInt(4); i >= 0; i--) {
                    members.add(Map.entry(key(r), value(r, depth - 1)));
                }
                yield new Obj(members);
            }
            default -> {
                List<J> elements = new ArrayList<>();
                for (int i = r.nextInt(4); i >= 0; i--) {
                    elements.add(value(r, depth - 1));
                }
                yield new Arr(elements);
            }
        };
    }

    /** 10,000 elements (the size named in the issue), of one random kind. */
    static J bigArray(SplittableRandom r) {
        J element = switch (r.nextInt(5)) {
            case 0 -> new Str("x");
            case 1 -> new Num("1");
            case 2 -> NULL;
            case 3 -> new Obj(List.of());
            default -> new Str(NASTY_STRINGS.get(r.nextInt(NASTY_STRINGS.size())));
        };
        List<J> elements = new ArrayList<>(10_000);
        for (int i = 0; i < 10_000; i++) {
            elements.add(element);
        }
        return new Arr(elements);
    }

    /** Arrays and objects nested {@code depth} deep. */
    static J nested(SplittableRandom r, int depth) {
        J inner = new Str("deep");
        for (int i = 0; i < depth; i++) {
            inner = r.nextBoolean() ? new Arr(List.of(inner)) : new Obj(List.of(Map.entry("a", inner)));
        }
        return inner;
    }

    static String key(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> NASTY_STRINGS.get(r.nextInt(NASTY_STRINGS.size()));
            case 1 -> "__proto__";
            case 2 -> "@class";
            default -> randomString(r, 1 + r.nextInt(12));
        };
    }

    /** Random text mixing ASCII, controls, BMP characters, supplementary pairs and lone surrogates. */
    static String randomString(SplittableRandom r, int length) {
        StringBuilder s = new StringBuilder(length);
        int mode = r.nextInt(4);
        for (int i = 0; i < length; i++) {
            int kind = mode == 0 ? 0 : r.nextInt(10);
            switch (kind) {
                case 0, 1, 2, 3, 4 -> s.append((char) (0x21 + r.nextInt(0x5e)));
                case 5 -> s.append((char) r.nextInt(0x20));
                case 6 -> s.append((char) (0xa0 + r.nextInt(0xd7ff - 0xa0)));
                case 7 -> s.appendCodePoint(0x10000 + r.nextInt(0x10ffff - 0x10000));
                case 8 -> s.append((char) (0xd800 + r.nextInt(0x800)));
                default -> s.append(' ');
            }
        }
        return s.toString();
    }

    /**
     * Applies 1 to 3 random mutations to a copy of a valid document: a value (anywhere, the root included) replaced by
     * a hostile one, a member removed, a hostile member added, an array blown up to 10,000 elements.
     */
    static J mutate(J document, SplittableRandom r) {
        J out = document;
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            List<List<Object>> paths = new ArrayList<>();
            collectPaths(out, new ArrayList<>(), paths);
            List<Object> path = paths.get(r.nextInt(paths.size()));
            J target = at(out, path);
            int kind = r.nextInt(10);
            if (kind < 6 || path.isEmpty() && !(target instanceof Obj)) {
                out = replace(out, path, 0, value(r, 3));
            } else if (kind < 8 && target instanceof Obj obj && !obj.members().isEmpty()) {
                List<Map.Entry<String, J>> members = new ArrayList<>(obj.members());
                members.remove(r.nextInt(members.size()));
                out = replace(out, path, 0, new Obj(members));
            } else if (kind < 9 && target instanceof Obj obj) {
                List<Map.Entry<String, J>> members = new ArrayList<>(obj.members());
                String key = r.nextBoolean() && !members.isEmpty()
                        ? members.get(r.nextInt(members.size())).getKey() // a repeated key
                        : key(r);
                members.add(Map.entry(key, value(r, 2)));
                out = replace(out, path, 0, new Obj(members));
            } else if (target instanceof Arr arr && !arr.elements().isEmpty()) {
                List<J> elements = new ArrayList<>(10_000);
                for (int i = 0; i < 10_000; i++) {
                    elements.add(arr.elements().get(i % arr.elements().size()));
                }
                out = replace(out, path, 0, new Arr(elements));
            } else {
                out = replace(out, path, 0, value(r, 3));
            }
        }
        return out;
    }

    private static void collectPaths(J node, List<Object> prefix, List<List<Object>> out) {
        out.add(List.copyOf(prefix));
        if (node instanceof Obj obj) {
            for (int i = 0; i < obj.members().size(); i++) {
                prefix.add(i);
                collectPaths(obj.members().get(i).getValue(), prefix, out);
                prefix.remove(prefix.size() - 1);
            }
        } else if (node instanceof Arr arr && arr.elements().size() <= 50) {
            for (int i = 0; i < arr.elements().size(); i++) {
                prefix.add(i);
                collectPaths(arr.elements().get(i), prefix, out);
                prefix.remove(prefix.size() - 1);
            }
        }
    }

    private static J at(J node, List<Object> path) {
        J current = node;
        for (Object step : path) {
            int i = (Integer) step;
            current = current instanceof Obj obj ? obj.members().get(i).getValue() : ((Arr) current).elements().get(i);
        }
        return current;
    }

    private static J replace(J node, List<Object> path, int from, J replacement) {
        if (from == path.size()) {
            return replacement;
        }
        int i = (Integer) path.get(from);
        if (node instanceof Obj obj) {
            List<Map.Entry<String, J>> members = new ArrayList<>(obj.members());
            Map.Entry<String, J> member = members.get(i);
            members.set(i, Map.entry(member.getKey(), replace(member.getValue(), path, from + 1, replacement)));
            return new Obj(members);
        }
        List<J> elements = new ArrayList<>(((Arr) node).elements());
        elements.set(i, replace(elements.get(i), path, from + 1, replacement));
        return new Arr(elements);
    }

    // ---------------------------------------------------------------- shrinking

    /**
     * Greedily simplifies a failing document while {@code stillFails} holds: drops members and elements, halves arrays
     * and strings, replaces containers by null. Bounded by {@code budget} evaluations of the predicate.
     */
    static J shrink(J failing, Predicate<J> stillFails, int budget) {
        J current = failing;
        int[] left = {budget};
        boolean progress = true;
        while (progress && left[0] > 0) {
            progress = false;
            for (J candidate : simpler(current)) {
                if (left[0]-- <= 0) {
                    break;
                }
                if (stillFails.test(candidate)) {
                    current = candidate;
                    progress = true;
                    break;
                }
            }
        }
        return current;
    }

    /** One-step simplifications of a document, smallest first. */
    private static List<J> simpler(J root) {
        List<J> out = new ArrayList<>();
        List<List<Object>> paths = new ArrayList<>();
        collectPaths(root, new ArrayList<>(), paths);
        for (List<Object> path : paths) {
            J node = at(root, path);
            if (node instanceof Obj obj) {
                for (int i = 0; i < obj.members().size(); i++) {
                    List<Map.Entry<String, J>> members = new ArrayList<>(obj.members());
                    members.remove(i);
                    out.add(replace(root, path, 0, new Obj(members)));
                }
            } else if (node instanceof Arr arr && !arr.elements().isEmpty()) {
                int size = arr.elements().size();
                out.add(replace(root, path, 0, new Arr(List.copyOf(arr.elements().subList(0, size / 2)))));
                if (size <= 50) {
                    for (int i = 0; i < size; i++) {
                        List<J> elements = new ArrayList<>(arr.elements());
                        elements.remove(i);
                        out.add(replace(root, path, 0, new Arr(elements)));
                    }
                }
            } else if (node instanceof Str s && s.value().length() > 1) {
                out.add(replace(root, path, 0, new Str(s.value().substring(0, s.value().length() / 2))));
            }
            if (!path.isEmpty() && (node instanceof Obj || node instanceof Arr)) {
                out.add(replace(root, path, 0, NULL));
            }
        }
        return out;
    }

    /** The serialized size of a document in characters, counting no further than {@code limit}. */
    static long size(J value, long limit) {
        if (value instanceof Str s) {
            return s.value().length() + 2L;
        }
        if (value instanceof Num n) {
            return n.literal().length();
        }
        if (value instanceof Lit l) {
            return l.literal().length();
        }
        long total = 2;
        if (value instanceof Obj obj) {
            for (Map.Entry<String, J> e : obj.members()) {
                total += e.getKey().length() + 4 + size(e.getValue(), limit - total);
                if (total > limit) {
                    return total;
                }
            }
        } else {
            for (J e : ((Arr) value).elements()) {
                total += 1 + size(e, limit - total);
                if (total > limit) {
                    return total;
                }
            }
        }
        return total;
    }

    /** Replaces {@code $NAME} placeholders of a template with values. */
    static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : new LinkedHashMap<>(values).entrySet()) {
            out = out.replace("$" + e.getKey(), e.getValue());
        }
        return out;
    }
}
