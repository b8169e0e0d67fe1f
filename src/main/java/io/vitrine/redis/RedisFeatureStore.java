package io.vitrine.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.FeatureUpdate;
import io.vitrine.feature.ForwardDecay;
import io.vitrine.feature.ItemState;
import io.vitrine.feature.RecentItem;
import io.vitrine.feature.RecentList;
import io.vitrine.feature.ScoredItem;
import io.vitrine.feature.TrendingLists;
import io.vitrine.feature.UserState;
import io.vitrine.port.FeatureStore;

/** {@link FeatureStore} on Redis hashes and sorted sets; every call is one pipeline. */
public final class RedisFeatureStore implements FeatureStore {
    /** Sets a hash field to ARGV[2] if it is missing or smaller (a commutative maximum). */
    static final String MAX_SCRIPT = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if (not current) or tonumber(current) < tonumber(ARGV[2]) then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            end
            return 0
            """;

    private final RedisCommands redis;
    private final RedisKeys keys;
    private final FeatureSettings settings;

    public RedisFeatureStore(RedisCommands redis, RedisKeys keys, FeatureSettings settings) {
        this.redis = redis;
        this.keys = keys;
        this.settings = settings;
    }

    @Override
    public void apply(List<FeatureUpdate> updates) {
        List<Request> requests = new ArrayList<>(updates.size() + 8);
        Set<String> expiring = new HashSet<>();
        for (FeatureUpdate update : updates) {
            if (update instanceof FeatureUpdate.Increment inc) {
                requests.add(Request.cmd(Command.HINCRBYFLOAT)
                        .arg(keys.entity(inc.entity()))
                        .arg(inc.field())
                        .arg(RedisCommands.number(inc.delta())));
            } else if (update instanceof FeatureUpdate.Maximum max) {
                requests.add(Request.cmd(Command.EVAL)
                        .arg(MAX_SCRIPT)
                        .arg(1)
                        .arg(keys.entity(max.entity()))
                        .arg(max.field())
                        .arg(RedisCommands.number(max.value())));
            } else if (update instanceof FeatureUpdate.Put put) {
                requests.add(Request.cmd(Command.HSET)
                        .arg(keys.entity(put.entity()))
                        .arg(put.field())
                        .arg(put.value()));
            } else if (update instanceof FeatureUpdate.Remove remove) {
                requests.add(Request.cmd(Command.HDEL).arg(keys.entity(remove.entity())).arg(remove.field()));
            } else if (update instanceof FeatureUpdate.Remember r) {
                String key = keys.recent(r.userId(), r.list());
                requests.add(Request.cmd(Command.ZADD).arg(key).arg("GT").arg(r.atMillis()).arg(r.itemId()));
                requests.add(Request.cmd(Command.ZREMRANGEBYRANK).arg(key).arg(0).arg(-(r.cap() + 1)));
            } else if (update instanceof FeatureUpdate.Trend t) {
                String key = keys.trend(t.scope(), t.generation());
                requests.add(Request.cmd(Command.ZINCRBY)
                        .arg(key)
                        .arg(RedisCommands.number(t.delta()))
                        .arg(t.itemId()));
                if (expiring.add(key)) {
                    requests.add(Request.cmd(Command.EXPIRE).arg(key).arg(t.retention().toSeconds()));
                }
            }
        }
        redis.write(requests);
    }

    @Override
    public FeatureSnapshot read(String userId, Collection<String> itemIds) {
        List<Request> requests = new ArrayList<>(itemIds.size() + 3);
        if (userId != null) {
            requests.add(Request.cmd(Command.HGETALL).arg(keys.user(userId)));
            for (RecentList list : RecentList.values()) {
                requests.add(Request.cmd(Command.ZREVRANGE)
                        .arg(keys.recent(userId, list))
                        .arg(0)
                        .arg(-1)
                        .arg("WITHSCORES"));
            }
        }
        for (String itemId : itemIds) {
            requests.add(Request.cmd(Command.HGETALL).arg(keys.item(itemId)));
        }
        List<Response> replies = redis.batch(requests);
        int next = 0;
        UserState user = UserState.empty("");
        if (userId != null) {
            user = new UserState(userId, RedisCommands.toMap(replies.get(0)), recent(replies.get(1)),
                    recent(replies.get(2)));
            next = 3;
        }
        Map<String, ItemState> items = new LinkedHashMap<>();
        for (String itemId : itemIds) {
            items.put(itemId, new ItemState(itemId, RedisCommands.toMap(replies.get(next++))));
        }
        return new FeatureSnapshot(user, items);
    }

    @Override
    public Map<String, List<ScoredItem>> trending(List<String> scopes, int limit, Instant now) {
        ForwardDecay decay = settings.trendingDecay();
        int[] generations = TrendingLists.liveGenerations(decay, now.toEpochMilli());
        List<Request> requests = new ArrayList<>(scopes.size() * generations.length);
        for (String scope : scopes) {
            for (int generation : generations) {
                requests.add(Request.cmd(Command.ZREVRANGE)
                        .arg(keys.trend(scope, generation))
                        .arg(0)
                        .arg(Math.max(0, limit - 1))
                        .arg("WITHSCORES"));
            }
        }
        List<Response> replies = redis.batch(requests);
        Map<String, List<ScoredItem>> out = new LinkedHashMap<>();
        int next = 0;
        for (String scope : scopes) {
            Map<Integer, List<ScoredItem>> perGeneration = new HashMap<>();
            for (int generation : generations) {
                perGeneration.put(generation, RedisCommands.toScoredMembers(replies.get(next++))
                        .stream()
                        .map(e -> new ScoredItem(e.getKey(), e.getValue()))
                        .toList());
            }
            out.put(scope, TrendingLists.merge(decay, now.toEpochMilli(), perGeneration, limit));
        }
        return out;
    }

    /**
     * One pipeline of a {@code DEL} per key of the user. The keys normally share the user's hash tag and so one cluster
     * slot, but not for an id that starts with <code>}</code> (the tag is then empty and each whole key is hashed), so
     * each key is deleted by its own command rather than one multi-key {@code DEL}.
     */
    @Override
    public boolean eraseUser(String userId) {
        List<Request> deletes = new ArrayList<>();
        deletes.add(Request.cmd(Command.DEL).arg(keys.user(userId)));
        for (RecentList list : RecentList.values()) {
            deletes.add(Request.cmd(Command.DEL).arg(keys.recent(userId, list)));
        }
        return redis.batch(deletes).stream().mapToLong(Response::toLong).sum() > 0;
    }

    private static List<RecentItem> recent(Response reply) {
        return RedisCommands.toScoredMembers(reply)
                .stream()
                .map(e -> new RecentItem(e.getKey(), e.getValue().longValue()))
                .toList();
    }
}
