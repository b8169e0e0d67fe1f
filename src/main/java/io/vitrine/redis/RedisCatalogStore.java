package io.vitrine.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vitrine.catalog.CatalogFields;
import io.vitrine.catalog.Item;
import io.vitrine.catalog.NewArrivals;
import io.vitrine.catalog.UserProfile;
import io.vitrine.feature.ScoredItem;
import io.vitrine.port.CatalogStore;

/** {@link CatalogStore} on the same Redis hashes as the features (catalog fields beside statistics). */
public final class RedisCatalogStore implements CatalogStore {
    private final RedisCommands redis;
    private final RedisKeys keys;

    public RedisCatalogStore(RedisCommands redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * Writes the items and keeps the new-arrival lists current: an item leaves the lists of its previous category and
     * brand (read first, in one round trip) and joins those of its new ones while it is recommendable.
     */
    @Override
    public void upsertItems(List<Item> items) {
        Map<String, Item> previous = items(items.stream().map(Item::itemId).toList());
        List<Request> requests = new ArrayList<>(items.size() * 4);
        for (Item item : items) {
            Item old = previous.get(item.itemId());
            if (old != null) {
                for (String scope : NewArrivals.scopes(old)) {
                    requests.add(Request.cmd(Command.ZREM).arg(keys.newArrivals(scope)).arg(old.itemId()));
                }
            }
            requests.add(hset(keys.item(item.itemId()), CatalogFields.itemToFields(item)));
            if (NewArrivals.listable(item)) {
                for (String scope : NewArrivals.scopes(item)) {
                    requests.add(Request.cmd(Command.ZADD)
                            .arg(keys.newArrivals(scope))
                            .arg(item.createdAt().toEpochMilli())
                            .arg(item.itemId()));
                }
            }
        }
        redis.write(requests);
    }

    @Override
    public Map<String, List<ScoredItem>> newArrivals(List<String> scopes, Instant since, int limit) {
        List<Request> requests = new ArrayList<>(scopes.size());
        for (String scope : scopes) {
            requests.add(Request.cmd(Command.ZRANGE)
                    .arg(keys.newArrivals(scope))
                    .arg("+inf")
                    .arg(since.toEpochMilli())
                    .arg("BYSCORE")
                    .arg("REV")
                    .arg("LIMIT")
                    .arg(0)
                    .arg(limit)
                    .arg("WITHSCORES"));
        }
        List<Response> replies = redis.batch(requests);
        Map<String, List<ScoredItem>> out = new LinkedHashMap<>();
        for (int i = 0; i < scopes.size(); i++) {
            out.put(scopes.get(i), RedisCommands.toScoredMembers(replies.get(i))
                    .stream()
                    .map(e -> new ScoredItem(e.getKey(), e.getValue()))
                    .toList());
        }
        return out;
    }

    @Override
    public void upsertUsers(List<UserProfile> users) {
        List<Request> requests = new ArrayList<>(users.size());
        for (UserProfile user : users) {
            requests.add(hset(keys.user(user.userId()), CatalogFields.userToFields(user)));
        }
        redis.write(requests);
    }

    @Override
    public Map<String, Item> items(Collection<String> itemIds) {
        List<String> ids = List.copyOf(itemIds);
        List<Request> requests = new ArrayList<>(ids.size());
        for (String id : ids) {
            requests.add(hmget(keys.item(id), CatalogFields.ITEM_FIELDS));
        }
        List<Response> replies = redis.batch(requests);
        Map<String, Item> out = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            CatalogFields.itemFromFields(RedisCommands.toMap(CatalogFields.ITEM_FIELDS, replies.get(i)))
                    .ifPresent(item -> out.put(id, item));
        }
        return out;
    }

    @Override
    public Optional<UserProfile> user(String userId) {
        Response reply = redis.send(hmget(keys.user(userId), CatalogFields.USER_FIELDS));
        return CatalogFields.userFromFields(userId, RedisCommands.toMap(CatalogFields.USER_FIELDS, reply));
    }

    private static Request hset(String key, Map<String, String> fields) {
        Request request = Request.cmd(Command.HSET).arg(key);
        fields.forEach((field, value) -> request.arg(field).arg(value));
        return request;
    }

    private static Request hmget(String key, List<String> fields) {
        Request request = Request.cmd(Command.HMGET).arg(key);
        fields.forEach(request::arg);
        return request;
    }
}
