package io.vitrine.feature;

import java.util.HashMap;
import java.util.Map;

/** Reads decayed {@code prefix + name + "@" + generation} fields of a hash back as values at a given time. */
final class DecayedFields {
    private DecayedFields() {
    }

    /** Sums, per name, the live generations of all fields with {@code prefix}, each decayed to {@code nowMillis}. */
    static Map<String, Double> read(Map<String, String> fields, String prefix, ForwardDecay decay, long nowMillis) {
        Map<String, Double> out = new HashMap<>();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(prefix)) {
                continue;
            }
            int at = key.lastIndexOf('@');
            if (at <= prefix.length()) {
                continue;
            }
            int generation;
            try {
                generation = Integer.parseInt(key.substring(at + 1));
            } catch (NumberFormatException ignored) {
                continue;
            }
            if (!decay.isLive(generation, nowMillis)) {
                continue;
            }
            double value = decay.valueAt(Double.parseDouble(e.getValue()), generation, nowMillis);
            out.merge(key.substring(prefix.length(), at), value, Double::sum);
        }
        return out;
    }
}
