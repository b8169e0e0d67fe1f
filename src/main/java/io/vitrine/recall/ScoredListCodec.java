package io.vitrine.recall;

import java.util.ArrayList;
import java.util.List;

import io.vitrine.feature.ScoredItem;

/**
 * A ranked list of scored items as one compact, human-readable string, for stores that keep a list as a single value
 * (one {@code GET} reads a whole neighbour list): {@code id TAB score} per entry, entries separated by {@code LF}, in
 * list order. In ids, backslash, tab and line feed are escaped as {@code \\}, {@code \t} and {@code \n}; every other
 * character (any Unicode, braces, colons) is written as is. Scores are written in the shortest form that reads back to
 * the same value at the chosen {@link Precision}, so a list reads back exactly.
 */
public final class ScoredListCodec {
    /** How scores are written; the reader must use the precision the writer used. */
    public enum Precision {
        /** Scores that are floats widened to double (neighbour tables store floats): shorter text. */
        FLOAT,
        /** Any double (popularity lists). */
        DOUBLE
    }

    private ScoredListCodec() {
    }

    /**
     * Encodes {@code list}.
     *
     * @throws IllegalArgumentException if a score is NaN, or is not exactly a float at {@link Precision#FLOAT}
     */
    public static String encode(List<ScoredItem> list, Precision precision) {
        StringBuilder out = new StringBuilder(list.size() * 24);
        for (ScoredItem item : list) {
            if (out.length() > 0) {
                out.append('\n');
            }
            appendEscaped(out, item.itemId());
            out.append('\t');
            double score = item.score();
            if (Double.isNaN(score)) {
                throw new IllegalArgumentException("score of " + item.itemId() + " is NaN");
            }
            if (precision == Precision.FLOAT) {
                float f = (float) score;
                if (f != score) {
                    throw new IllegalArgumentException("score of " + item.itemId() + " is not a float: " + score);
                }
                out.append(f);
            } else {
                out.append(score);
            }
        }
        return out.toString();
    }

    /**
     * Decodes the first {@code limit} entries of a string written by {@link #encode} (all of them if there are fewer).
     *
     * @throws IllegalArgumentException if {@code text} is not in this format
     */
    public static List<ScoredItem> decode(String text, Precision precision, int limit) {
        List<ScoredItem> out = new ArrayList<>(Math.min(limit, 64));
        int pos = 0;
        int length = text.length();
        StringBuilder id = new StringBuilder();
        while (pos < length && out.size() < limit) {
            id.setLength(0);
            while (true) {
                if (pos >= length) {
                    throw new IllegalArgumentException("entry " + out.size() + " has no score");
                }
                char c = text.charAt(pos++);
                if (c == '\t') {
                    break;
                }
                if (c == '\n') {
                    throw new IllegalArgumentException("entry " + out.size() + " has no score");
                }
                if (c == '\\') {
                    if (pos >= length) {
                        throw new IllegalArgumentException("dangling escape in entry " + out.size());
                    }
                    char e = text.charAt(pos++);
                    c = switch (e) {
                        case '\\' -> '\\';
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        default -> throw new IllegalArgumentException("unknown escape \\" + e + " in entry "
                                + out.size());
                    };
                }
                id.append(c);
            }
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = length;
            }
            String number = text.substring(pos, end);
            double score;
            try {
                score = precision == Precision.FLOAT ? Float.parseFloat(number) : Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("entry " + out.size() + " has a bad score: " + number, e);
            }
            out.add(new ScoredItem(id.toString(), score));
            pos = end + 1;
        }
        return out;
    }

    private static void appendEscaped(StringBuilder out, String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }
}
