package io.vitrine.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vitrine.feature.ScoredItem;
import io.vitrine.recall.NeighbourLists;
import io.vitrine.recall.PopularityLists;
import io.vitrine.recall.RecallTableStore;
import io.vitrine.recall.RecallTables;
import io.vitrine.recall.ScoredListCodec;
import io.vitrine.recall.ScoredListCodec.Precision;

/**
 * {@link RecallTableStore} on Redis strings. Key layout (the part in braces is the Redis Cluster hash tag):
 *
 * <pre>
 * {prefix}:nb:{itemId}:version:source   string: the item's neighbour list in table "source" of "version"
 * {prefix}:rt:{version}:pop             string: the global popularity list of "version"
 * {prefix}:rt:{version}:pop:category    string: the popularity list of "category" in "version"
 * {prefix}:{recall}:versions            set: the completely loaded versions
 * {prefix}:{recall}:active              string: the version readers use
 * </pre>
 *
 * <ul>
 * <li>The version is part of every table key, so a version being loaded or dropped never mixes with the active one.
 * Versions and source names are plain names without ':' or braces, so a key reads back unambiguously from its end even
 * when an item id contains ':', braces or anything else.</li>
 * <li>Neighbour lists are tagged by item: 100k lists spread over every slot of a cluster (and share the slot of the
 * item's catalog hash {@code {prefix}:i:{itemId}}) instead of one shard holding a whole table. An id containing '}'
 * only moves its key to another slot; every command touches one key, so no command can cross slots.</li>
 * <li>Popularity lists are few and small; tagged by version they share one slot. The version set and the active pointer
 * share the {@code {recall}} slot so one script checks and changes both atomically.</li>
 * <li>Each list is one string in {@link ScoredListCodec} format ({@code id TAB score} lines, best first). One
 * {@code GET} returns a whole list in order, with nothing to parse but the text. A sorted set would be about as small
 * only while it stays listpack-encoded (at most 128 entries) and would reorder tied scores by member; a hash has no
 * order at all. Neighbour scores are floats in the tables and are written as such, in their shortest exact form.</li>
 * </ul>
 *
 * <p>
 * Loading writes {@value #DEFAULT_BATCH_SIZE} {@code SET}s per round trip (bounded: one round trip per list would take
 * minutes over a network, one giant batch would hold the whole table in client and server buffers) and adds the version
 * to the set last, which is what {@link #activate} checks. Reads are one pipelined batch of {@code GET}s. Dropping
 * {@code UNLINK}s exactly the keys that loading the same tables wrote, in batches; never {@code KEYS} or {@code SCAN}.
 */
public final class RedisRecallTableStore implements RecallTableStore {
    /** Commands per round trip when loading or dropping. */
    public static final int DEFAULT_BATCH_SIZE = 500;

    /** Refuses (0) when ARGV[1] is active; otherwise marks it as not loaded (1) before its keys change. */
    static final String RETIRE_SCRIPT = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return 0
            end
            redis.call('SREM', KEYS[2], ARGV[1])
            return 1
            """;

    /** Points readers at ARGV[1] (1) if it is completely loaded, else refuses (0). */
    static final String ACTIVATE_SCRIPT = """
            if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then
              redis.call('SET', KEYS[1], ARGV[1])
              return 1
            end
            return 0
            """;

    private final RedisCommands redis;
    private final RedisKeys keys;
    private final int batchSize;

    public RedisRecallTableStore(RedisCommands redis, RedisKeys keys) {
        this(redis, keys, DEFAULT_BATCH_SIZE);
    }

    /** @param batchSize commands per round trip when loading or dropping; positive */
    public RedisRecallTableStore(RedisCommands redis, RedisKeys keys, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        this.redis = redis;
        this.keys = keys;
        this.batchSize = batchSize;
    }

    @Override
    public void load(String version, RecallTables tables) {
        RecallTableStore.requireNames(version, tables);
        if (!retire(version)) {
            throw new IllegalStateException("cannot load into the active version " + version);
        }
        Batcher batcher = new Batcher();
        forEachList(version, tables, (key, value) -> batcher.add(Request.cmd(Command.SET).arg(key).arg(value)));
        batcher.flush();
        redis.send(Request.cmd(Command.SADD).arg(keys.recallVersions()).arg(version));
    }

    @Override
    public void activate(String version) {
        Response reply = redis.send(Request.cmd(Command.EVAL)
                .arg(ACTIVATE_SCRIPT)
                .arg(2)
                .arg(keys.recallActive())
                .arg(keys.recallVersions())
                .arg(version));
        if (reply.toInteger() != 1) {
            throw new IllegalStateException("version " + version + " is not loaded");
        }
    }

    @Override
    public Optional<String> activeVersion() {
        Response reply = redis.send(Request.cmd(Command.GET).arg(keys.recallActive()));
        return Optional.ofNullable(reply).map(Response::toString);
    }

    @Override
    public Map<String, List<ScoredItem>> neighbours(String version, String source, Collection<String> itemIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(itemIds));
        List<Request> requests = new ArrayList<>(ids.size());
        for (String id : ids) {
            requests.add(Request.cmd(Command.GET).arg(keys.neighbours(version, source, id)));
        }
        List<Response> replies = redis.batch(requests);
        Map<String, List<ScoredItem>> out = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Response reply = replies.get(i);
            if (reply != null) {
                out.put(ids.get(i), ScoredListCodec.decode(reply.toString(), Precision.FLOAT, Integer.MAX_VALUE));
            }
        }
        return out;
    }

    @Override
    public List<ScoredItem> popular(String version, Optional<String> category, int limit) {
        RecallTableStore.requireLimit(limit);
        Response reply = redis.send(Request.cmd(Command.GET).arg(keys.popularity(version, category)));
        return reply == null ? List.of() : ScoredListCodec.decode(reply.toString(), Precision.DOUBLE, limit);
    }

    @Override
    public void drop(String version, RecallTables tables) {
        RecallTableStore.requireNames(version, tables);
        if (!retire(version)) {
            throw new IllegalStateException("cannot drop the active version " + version);
        }
        Batcher batcher = new Batcher();
        forEachKey(version, tables, key -> batcher.add(Request.cmd(Command.UNLINK).arg(key)));
        batcher.flush();
    }

    /** Takes the version out of the loaded set unless it is active; false if it is active. */
    private boolean retire(String version) {
        Response reply = redis.send(Request.cmd(Command.EVAL)
                .arg(RETIRE_SCRIPT)
                .arg(2)
                .arg(keys.recallActive())
                .arg(keys.recallVersions())
                .arg(version));
        return reply.toInteger() == 1;
    }

    /** Every non-empty list of the tables with its key and encoded value. */
    private void forEachList(String version, RecallTables tables, ListSink sink) {
        for (Map.Entry<String, NeighbourLists> table : tables.neighbours().entrySet()) {
            String source = table.getKey();
            for (String item : table.getValue().items()) {
                List<ScoredItem> list = table.getValue().neighbours(item);
                if (!list.isEmpty()) {
                    sink.accept(keys.neighbours(version, source, item),
                            ScoredListCodec.encode(list, Precision.FLOAT));
                }
            }
        }
        PopularityLists popularity = tables.popularity();
        if (!popularity.global().isEmpty()) {
            sink.accept(keys.popularity(version, Optional.empty()),
                    ScoredListCodec.encode(popularity.global(), Precision.DOUBLE));
        }
        popularity.categories().forEach((category, list) -> {
            if (!list.isEmpty()) {
                sink.accept(keys.popularity(version, Optional.of(category)),
                        ScoredListCodec.encode(list, Precision.DOUBLE));
            }
        });
    }

    /** Every key {@link #forEachList} can write for these tables (empty lists included: unlinking them is harmless). */
    private void forEachKey(String version, RecallTables tables, Consumer<String> sink) {
        for (Map.Entry<String, NeighbourLists> table : tables.neighbours().entrySet()) {
            for (String item : table.getValue().items()) {
                sink.accept(keys.neighbours(version, table.getKey(), item));
            }
        }
        sink.accept(keys.popularity(version, Optional.empty()));
        for (String category : tables.popularity().categories().keySet()) {
            sink.accept(keys.popularity(version, Optional.of(category)));
        }
    }

    @FunctionalInterface
    private interface ListSink {
        void accept(String key, String value);
    }

    /** Collects commands and sends them {@link #batchSize} at a time; {@link #flush} sends the rest. */
    private final class Batcher {
        private final List<Request> pending = new ArrayList<>(batchSize);

        void add(Request request) {
            pending.add(request);
            if (pending.size() == batchSize) {
                flush();
            }
        }

        void flush() {
            redis.write(pending);
            pending.clear();
        }
    }
}
