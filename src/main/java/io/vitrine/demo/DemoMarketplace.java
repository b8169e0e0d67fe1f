package io.vitrine.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.vitrine.catalog.Item;
import io.vitrine.catalog.UserProfile;
import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;

/** Generates the demo catalog, users and event history (see the package documentation for the model). */
public final class DemoMarketplace {
    static final String[] BRANDS = {"Acme", "Zenith", "Nova", "Orbit", "Kite", "Lumen"};
    static final String PHONE = "phone";
    static final String[] ACCESSORIES = {"case", "charger", "earbuds"};
    private static final String[] TIERS = {"budget", "mid", "premium"};
    private static final String[] DEVICES = {"ios", "android", "android", "web"};
    private static final String[] LOCATIONS = {"CH", "DE", "FR", "IT", "AT"};
    private static final int SLATE_SIZE = 8;

    private final DemoSettings settings;
    private final List<DemoItem> items;
    private final List<DemoUser> users;

    public DemoMarketplace(DemoSettings settings) {
        this.settings = settings;
        SplittableRandom random = new SplittableRandom(settings.seed());
        this.items = createItems(random.split());
        this.users = createUsers(random.split());
    }

    public List<Item> items() {
        return items.stream().map(DemoItem::item).toList();
    }

    public List<UserProfile> users() {
        return users.stream().map(DemoUser::profile).toList();
    }

    /**
     * Simulates the history day by day and hands each day's events to {@code sink} in time order, so a caller can
     * stream millions of events without holding them.
     */
    public void events(Consumer<Event> sink) {
        SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x5DEECE66DL);
        double[] popularity = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            popularity[i] = 1;
        }
        long dayStart = settings.start().toEpochMilli();
        for (int day = 0; day < settings.days(); day++, dayStart += 86_400_000L) {
            List<Event> dayEvents = new ArrayList<>();
            Slates slates = new Slates(popularity, random.split());
            for (DemoUser user : users) {
                int sessions = poisson(random, user.sessionsPerDay);
                for (int s = 0; s < sessions; s++) {
                    long at = dayStart + random.nextLong(86_000_000L);
                    simulateSession(user, day, s, at, slates, random, dayEvents, popularity);
                }
            }
            dayEvents.sort(Comparator.comparing(Event::timestamp).thenComparing(Event::eventId));
            dayEvents.forEach(sink);
        }
    }

    private void simulateSession(DemoUser user, int day, int session, long at, Slates slates,
            SplittableRandom random, List<Event> out, double[] popularity) {
        String sessionId = user.id + "-d" + day + "-s" + session;
        EventContext context = new EventContext(user.device, user.locale, sessionId, null);
        String prefix = sessionId + "-";
        int[] seq = {0};
        long t = at;
        if (random.nextDouble() < 0.05) {
            String brand = user.brands[0];
            String category = random.nextBoolean() ? PHONE : ACCESSORIES[random.nextInt(ACCESSORIES.length)];
            out.add(event(prefix + seq[0]++, user, EventType.SEARCH, null, t, null, null, null,
                    brand.toLowerCase() + " " + category, context));
            t += 5_000;
        }
        // Browsing (category pages, search results) follows taste: the views that affinity features learn from.
        if (random.nextDouble() < 0.7) {
            int views = 1 + random.nextInt(3);
            for (int v = 0; v < views; v++) {
                DemoItem viewed = browse(user, random);
                t += 4_000 + random.nextInt(30_000);
                out.add(event(prefix + seq[0]++, user, EventType.VIEW, viewed.id, t, null, null, null, null,
                        context));
            }
        }
        int requests = 1 + (random.nextDouble() < 0.4 ? 1 : 0);
        for (int r = 0; r < requests; r++) {
            String requestId = "req-" + sessionId + "-" + r;
            int[] slate = slates.draw(SLATE_SIZE);
            for (int position = 0; position < slate.length; position++) {
                DemoItem item = items.get(slate[position]);
                out.add(event(prefix + seq[0]++, user, EventType.IMPRESSION, item.id, t, requestId, null, null, null,
                        context));
            }
            t += 2_000;
            for (int position = 0; position < slate.length; position++) {
                DemoItem item = items.get(slate[position]);
                double examine = 1 / (1 + 0.35 * position);
                if (random.nextDouble() >= examine || random.nextDouble() >= sigmoid(user.clickScore(item))) {
                    continue;
                }
                t += 3_000 + random.nextInt(20_000);
                out.add(event(prefix + seq[0]++, user, EventType.CLICK, item.id, t, requestId, null, null, null,
                        context));
                popularity[item.index] += 1;
                if (random.nextDouble() < 0.6) {
                    t += 1_000 + random.nextInt(5_000);
                    out.add(event(prefix + seq[0]++, user, EventType.VIEW, item.id, t, requestId, null, null, null,
                            context));
                }
                if (random.nextDouble() < sigmoid(user.clickScore(item) - 0.8)) {
                    t += 10_000 + random.nextInt(60_000);
                    out.add(event(prefix + seq[0]++, user, EventType.ADD_TO_CART, item.id, t, requestId, null, 1,
                            null, context));
                    popularity[item.index] += 2;
                    if (random.nextDouble() < 0.55) {
                        t += 30_000 + random.nextInt(120_000);
                        out.add(event(prefix + seq[0]++, user, EventType.PURCHASE, item.id, t, requestId,
                                item.price, 1, null, context));
                        popularity[item.index] += 4;
                        user.bought(item);
                    }
                }
            }
            t += 30_000;
        }
    }

    /** An item the user chooses while browsing: a softmax over click scores of a random handful of items. */
    private DemoItem browse(DemoUser user, SplittableRandom random) {
        DemoItem[] options = new DemoItem[12];
        double[] weights = new double[options.length];
        double sum = 0;
        for (int i = 0; i < options.length; i++) {
            options[i] = items.get(random.nextInt(items.size()));
            weights[i] = Math.exp(2 * user.clickScore(options[i]));
            sum += weights[i];
        }
        double x = random.nextDouble() * sum;
        for (int i = 0; i < options.length; i++) {
            x -= weights[i];
            if (x <= 0) {
                return options[i];
            }
        }
        return options[options.length - 1];
    }

    private static Event event(String id, DemoUser user, EventType type, String itemId, long at, String requestId,
            Double value, Integer quantity, String query, EventContext context) {
        return new Event(id, user.id, type, itemId, Instant.ofEpochMilli(at), requestId, value, quantity, query,
                context);
    }

    private List<DemoItem> createItems(SplittableRandom random) {
        List<DemoItem> out = new ArrayList<>(settings.items());
        long end = settings.end().toEpochMilli();
        for (int i = 0; i < settings.items(); i++) {
            String category = random.nextDouble() < 0.22 ? PHONE : ACCESSORIES[random.nextInt(ACCESSORIES.length)];
            String brand = BRANDS[random.nextInt(BRANDS.length)];
            int tier = random.nextInt(TIERS.length);
            double price = PHONE.equals(category)
                    ? round(new double[]{149, 329, 649}[tier] + random.nextDouble() * new double[]{150, 270,
                            550}[tier])
                    : round(9 + random.nextDouble() * ("earbuds".equals(category) ? 240 : 60));
            long ageDays = random.nextDouble() < 0.06 ? random.nextInt(14) : 14 + random.nextInt(400);
            Instant created = Instant.ofEpochMilli(end - ageDays * 86_400_000L - random.nextInt(86_400_000));
            String id = "item-" + (i + 1);
            Item item = new Item(id, brand + " " + capitalise(category) + " " + (100 + i)
                    + (PHONE.equals(category) ? " (" + TIERS[tier] + ")" : ""), category, brand, price, "EUR",
                    random.nextDouble() < 0.93, created,
                    PHONE.equals(category) ? List.of(TIERS[tier], "5g") : List.of("for-" + brand.toLowerCase()),
                    random.nextDouble() < 0.05, random.nextDouble() < 0.015);
            out.add(new DemoItem(i, id, item, category, brand, tier, price, random.nextGaussian() * 0.5));
        }
        return out;
    }

    private List<DemoUser> createUsers(SplittableRandom random) {
        List<DemoUser> out = new ArrayList<>(settings.users());
        for (int u = 0; u < settings.users(); u++) {
            out.add(new DemoUser("user-" + (u + 1), random.split(), settings.start()));
        }
        return out;
    }

    private static int poisson(SplittableRandom random, double lambda) {
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double round(double price) {
        return Math.round(price) - 0.01;
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** An item with the hidden attributes the simulation uses. */
    private record DemoItem(int index, String id, Item item, String category, String brand, int tier, double price,
            double appeal) {
        boolean recommendable() {
            return item.inStock() && !item.blocked();
        }
    }

    /**
     * What the (taste-agnostic) logging policy shows: half popular items, half uniform exploration, so the logged data
     * covers the catalog.
     */
    private final class Slates {
        private final double[] cumulative;
        private final int[] candidates;
        private final SplittableRandom random;

        Slates(double[] popularity, SplittableRandom random) {
            this.random = random;
            this.candidates = items.stream().filter(DemoItem::recommendable).mapToInt(DemoItem::index).toArray();
            this.cumulative = new double[candidates.length];
            double sum = 0;
            for (int i = 0; i < candidates.length; i++) {
                sum += popularity[candidates[i]];
                cumulative[i] = sum;
            }
        }

        int[] draw(int size) {
            int n = Math.min(size, candidates.length);
            int[] slate = new int[n];
            for (int k = 0; k < n; k++) {
                int pick;
                do {
                    pick = random.nextBoolean() ? popular() : candidates[random.nextInt(candidates.length)];
                } while (contains(slate, k, pick));
                slate[k] = pick;
            }
            return slate;
        }

        private int popular() {
            double x = random.nextDouble() * cumulative[cumulative.length - 1];
            int i = java.util.Arrays.binarySearch(cumulative, x);
            return candidates[i >= 0 ? i : Math.min(-i - 1, candidates.length - 1)];
        }

        private boolean contains(int[] slate, int size, int value) {
            for (int i = 0; i < size; i++) {
                if (slate[i] == value) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A user with hidden tastes and the state the simulation changes (the phone they own). */
    private static final class DemoUser {
        final String id;
        final String device;
        final String locale;
        final String[] brands;
        final int tier;
        final double[] categoryTaste;
        final double sessionsPerDay;
        final UserProfile profile;
        String phoneBrand;
        final double[] boughtAccessory = new double[ACCESSORIES.length];

        DemoUser(String id, SplittableRandom random, Instant start) {
            this.id = id;
            this.device = DEVICES[random.nextInt(DEVICES.length)];
            this.locale = new String[]{"de-CH", "de-DE", "fr-FR", "it-IT", "de-AT"}[random.nextInt(5)];
            String first = BRANDS[random.nextInt(BRANDS.length)];
            String second = BRANDS[random.nextInt(BRANDS.length)];
            this.brands = new String[]{first, second};
            double t = random.nextDouble();
            this.tier = t < 0.4 ? 0 : t < 0.8 ? 1 : 2;
            this.categoryTaste = new double[ACCESSORIES.length];
            for (int i = 0; i < categoryTaste.length; i++) {
                categoryTaste[i] = random.nextGaussian() * 0.6;
            }
            this.sessionsPerDay = 0.15 + random.nextDouble() * random.nextDouble();
            this.phoneBrand = random.nextDouble() < 0.5 ? (random.nextDouble() < 0.7 ? first : second) : null;
            this.profile = new UserProfile(id, device, LOCATIONS[random.nextInt(LOCATIONS.length)],
                    start.minusSeconds(86_400L * (1 + random.nextInt(700))));
        }

        UserProfile profile() {
            return profile;
        }

        double clickScore(DemoItem item) {
            double score = -2.6 + item.appeal();
            if (item.brand().equals(brands[0])) {
                score += 1.4;
            } else if (item.brand().equals(brands[1])) {
                score += 0.6;
            }
            if (item.item().promoted()) {
                score += 0.2;
            }
            if (PHONE.equals(item.category())) {
                score += phoneBrand != null ? -2.2 : 0.3;
                score += new double[]{1.0, -0.3, -1.4}[Math.abs(item.tier() - tier)];
            } else {
                int c = accessoryIndex(item.category());
                score += categoryTaste[c] - boughtAccessory[c];
                if (phoneBrand == null) {
                    score -= 0.9;
                } else if (item.brand().equals(phoneBrand)) {
                    score += 1.8;
                } else {
                    score -= 0.6;
                }
            }
            return score;
        }

        void bought(DemoItem item) {
            if (PHONE.equals(item.category())) {
                phoneBrand = item.brand();
                java.util.Arrays.fill(boughtAccessory, 0);
            } else {
                boughtAccessory[accessoryIndex(item.category())] += 1.2;
            }
        }

        private static int accessoryIndex(String category) {
            for (int i = 0; i < ACCESSORIES.length; i++) {
                if (ACCESSORIES[i].equals(category)) {
                    return i;
                }
            }
            throw new IllegalArgumentException(category);
        }
    }
}
