package io.vitrine.train;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;

/**
 * A dataset split for offline evaluation. {@link #test()} and {@link #exclude()} are complete once {@link #trainEvents}
 * has been consumed (splits that stream their input fill them on the way).
 */
public interface EvaluationData {

    /** The catalog. */
    List<Item> items();

    /** Calls {@code sink} with every training event, in time order. */
    void trainEvents(Consumer<Event> sink);

    /** Relevant items per test user. */
    Map<String, Set<String>> test();

    /** Items never recommended to a user. */
    Map<String, Set<String>> exclude();

    /** One line describing the protocol, printed with the results. */
    String protocol();
}
