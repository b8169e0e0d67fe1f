package io.vitrine.recall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dense int ids for strings, in first-seen order, so the numeric code can work on primitive arrays. */
final class IdIndex {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** The id of {@code name}, assigning the next one if it is new. */
    int intern(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        int next = names.size();
        ids.put(name, next);
        names.add(name);
        return next;
    }

    int size() {
        return names.size();
    }

    String name(int id) {
        return names.get(id);
    }

    String[] toArray() {
        return names.toArray(String[]::new);
    }
}
