package io.vitrine.train;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;

/**
 * Alibaba's Taobao UserBehavior data ({@code UserBehavior.csv}: {@code user_id,item_id,category_id,behavior_type,
 * timestamp}, no header, grouped by user, not by time), read in place and never copied: real e-commerce behaviour with
 * four event types and a category per item. The protocol ({@link #protocol()}): events of the official window
 * 2017-11-25 to 2017-12-03 (China time) only (the file has a few outside it); {@code pv} is a view, {@code fav} a click
 * (no favourite type here; both are engagement short of a cart), {@code cart} an add-to-cart, {@code buy} a purchase; a
 * user whose last line is cut short (a head sample of the file) is dropped whole; then a temporal split at the start of
 * the last day: relevant are the items a user favoured, carted or bought on that day, and items the user bought before
 * are never recommended (the {@link TemporalSplit} protocol).
 */
public final class TaobaoUserBehavior implements EvaluationData {
    /** The file in a UserBehavior folder. */
    public static final String FILE = "UserBehavior.csv";
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final Instant FROM = LocalDate.of(2017, 11, 25).atStartOfDay(CHINA).toInstant();
    private static final Instant UNTIL = LocalDate.of(2017, 12, 4).atStartOfDay(CHINA).toInstant();
    /** The start of the last day: the test day. */
    public static final Instant SPLIT = LocalDate.of(2017, 12, 3).atStartOfDay(CHINA).toInstant();

    private final List<Item> items;
    private final List<Event> events;
    private final int users;
    private final long outside;
    private final String droppedUser;
    private final TemporalSplit split;

    private TaobaoUserBehavior(List<Item> items, List<Event> events, int users, long outside, String droppedUser) {
        this.items = items;
        this.events = events;
        this.split = new TemporalSplit(items, events::forEach, SPLIT);
        this.users = users;
        this.outside = outside;
        this.droppedUser = droppedUser;
    }

    /** Reads a folder's {@value #FILE}. */
    public static TaobaoUserBehavior load(Path dir) {
        Map<String, Item> items = new LinkedHashMap<>();
        Map<String, List<Event>> byUser = new LinkedHashMap<>();
        long[] outside = {0};
        String truncatedUser = null;
        long line = 0;
        try (Reader in = Files.newBufferedReader(dir.resolve(FILE), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.parse(in)) {
                line++;
                if (r.size() < 5 || r.get(4).isBlank()) {
                    truncatedUser = r.get(0);
                    continue;
                }
                Optional<EventType> type = type(r.get(3));
                if (type.isEmpty()) {
                    continue;
                }
                Instant at = Instant.ofEpochSecond(Long.parseLong(r.get(4)));
                if (at.isBefore(FROM) || !at.isBefore(UNTIL)) {
                    outside[0]++;
                    continue;
                }
                String itemId = "t" + r.get(1);
                items.putIfAbsent(itemId, new Item(itemId, null, "c" + r.get(2), null, null, null, true, null,
                        List.of(), false, false));
                byUser.computeIfAbsent("u" + r.get(0), u -> new ArrayList<>())
                        .add(new Event("t" + line, "u" + r.get(0), type.get(), itemId, at, null, null, null, null,
                                EventContext.EMPTY));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
        String dropped = truncatedUser == null ? null : "u" + truncatedUser;
        if (dropped != null) {
            byUser.remove(dropped);
        }
        List<Event> events = new ArrayList<>();
        byUser.values().forEach(events::addAll);
        events.sort(Comparator.comparing(Event::timestamp).thenComparing(Event::eventId));
        return new TaobaoUserBehavior(List.copyOf(items.values()), events, byUser.size(), outside[0], dropped);
    }

    private static Optional<EventType> type(String behaviour) {
        return switch (behaviour) {
            case "pv" -> Optional.of(EventType.VIEW);
            case "fav" -> Optional.of(EventType.CLICK);
            case "cart" -> Optional.of(EventType.ADD_TO_CART);
            case "buy" -> Optional.of(EventType.PURCHASE);
            default -> Optional.empty();
        };
    }

    /** The items seen in the file (category ids as categories; no brand, price or listing time). */
    @Override
    public List<Item> items() {
        return items;
    }

    /** Every kept event, in time order. */
    public List<Event> events() {
        return events;
    }

    @Override
    public void trainEvents(java.util.function.Consumer<Event> sink) {
        split.trainEvents(sink);
    }

    @Override
    public Map<String, java.util.Set<String>> test() {
        return split.test();
    }

    @Override
    public Map<String, java.util.Set<String>> exclude() {
        return split.exclude();
    }

    @Override
    public String protocol() {
        return "Taobao UserBehavior (" + users + " users, " + events.size() + " events of 2017-11-25 to 2017-12-03"
                + " China time; " + outside + " outside that window dropped"
                + (droppedUser == null ? "" : ", user " + droppedUser + " dropped: its last line is cut short")
                + "; pv = view, fav = click, cart, buy); " + split.protocol();
    }
}
