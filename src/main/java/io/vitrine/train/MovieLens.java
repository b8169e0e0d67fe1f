package io.vitrine.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;

/**
 * MovieLens 100K under the protocol of the issue: a random 75/25 split of the ratings, stratified per item (each
 * movie's ratings are shuffled with the seed and the first 75%, rounded up, train), every test rating relevant, full
 * ranking over the catalog minus the user's training movies, genres as categories (a movie's first listed genre).
 * Ratings become click events at their timestamps. The data is read from its folder and never copied.
 */
public final class MovieLens extends SplitSets {
    private static final DateTimeFormatter RELEASE = DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH);

    private final List<Item> items;
    private final List<Event> train;
    private final long seed;

    private MovieLens(List<Item> items, List<Event> train, Map<String, Set<String>> test,
            Map<String, Set<String>> exclude, long seed) {
        super(test, exclude);
        this.items = items;
        this.train = train;
        this.seed = seed;
    }

    /** Reads {@code u.item}, {@code u.genre} and {@code u.data} of an ml-100k folder and splits with the seed. */
    public static MovieLens load(Path dir, long seed) {
        try {
            List<String> genres = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("u.genre"), StandardCharsets.ISO_8859_1)) {
                if (!line.isBlank()) {
                    genres.add(line.substring(0, line.lastIndexOf('|')));
                }
            }
            List<Item> items = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("u.item"), StandardCharsets.ISO_8859_1)) {
                String[] f = line.split("\\|", -1);
                if (f.length < 5 + genres.size()) {
                    continue;
                }
                String genre = null;
                for (int g = 0; g < genres.size() && genre == null; g++) {
                    if ("1".equals(f[5 + g]) && !"unknown".equals(genres.get(g))) {
                        genre = genres.get(g);
                    }
                }
                items.add(new Item("m" + f[0], f[1], genre, null, null, null, true, release(f[2]), List.of(), false,
                        false));
            }
            Map<String, List<Event>> byItem = new HashMap<>();
            int n = 0;
            for (String line : Files.readAllLines(dir.resolve("u.data"), StandardCharsets.ISO_8859_1)) {
                String[] f = line.split("\t");
                if (f.length < 4) {
                    continue;
                }
                Event e = new Event("r" + n++, "u" + f[0], EventType.CLICK, "m" + f[1],
                        Instant.ofEpochSecond(Long.parseLong(f[3])), null, null, null, null, EventContext.EMPTY);
                byItem.computeIfAbsent(e.itemId(), k -> new ArrayList<>()).add(e);
            }
            Random random = new Random(seed);
            List<Event> train = new ArrayList<>();
            Map<String, Set<String>> test = new HashMap<>();
            Map<String, Set<String>> exclude = new HashMap<>();
            List<String> itemIds = new ArrayList<>(byItem.keySet());
            Collections.sort(itemIds);
            for (String itemId : itemIds) {
                List<Event> ratings = byItem.get(itemId);
                ratings.sort(Comparator.comparing(Event::eventId));
                Collections.shuffle(ratings, random);
                int cut = (int) Math.ceil(ratings.size() * 0.75);
                for (int i = 0; i < ratings.size(); i++) {
                    Event e = ratings.get(i);
                    if (i < cut) {
                        train.add(e);
                        exclude.computeIfAbsent(e.userId(), u -> new HashSet<>()).add(itemId);
                    } else {
                        test.computeIfAbsent(e.userId(), u -> new HashSet<>()).add(itemId);
                    }
                }
            }
            train.sort(Comparator.comparing(Event::timestamp).thenComparing(Event::eventId));
            return new MovieLens(List.copyOf(items), train, test, exclude, seed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MovieLens from " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Instant release(String date) {
        try {
            return date.isBlank() ? null : LocalDate.parse(date, RELEASE).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public List<Item> items() {
        return items;
    }

    @Override
    public void trainEvents(Consumer<Event> sink) {
        train.forEach(sink);
    }

    /** The training ratings, in time order. */
    public List<Event> train() {
        return train;
    }

    @Override
    public String protocol() {
        return "MovieLens 100K, random 75/25 split stratified per item (seed " + seed + "), every test rating"
                + " relevant, full ranking over the catalog minus the user's training movies, genres as categories";
    }
}
