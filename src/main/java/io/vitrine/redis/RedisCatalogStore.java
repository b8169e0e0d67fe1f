package io.vitrine.redis;

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
import io.vitrine.catalog.CatalogStore;
import io.vitrine.catalog.Item;
import io.vitrine.catalog.UserProfile;

/** {@link CatalogStore} on the same Redis hashes as the features (catalog fields beside statistics). */
public final class RedisCatalogStore implements CatalogStore {
    private final RedisCommands redis;
    private final RedisKeys keys;

    public RedisCatalogStore(RedisCommands redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public void upsertItems(List<Item> items) {
        List<Request> requests = new ArrayList<>(items.size());
        for (Item item : items) {
            requests.add(hset(keys.item(item.itemId()), CatalogFields.itemToFields(item)));
        }
        redis.batch(requests);
    }

    @Override
    public void upsertUsers(List<UserProfile> users) {
        List<Request> requests = new ArrayList<>(users.size());
        for (UserProfile user : users) {
            requests.add(hset(keys.user(user.userId()), CatalogFields.userToFields(user)));
        }
        redis.batch(requests);
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
