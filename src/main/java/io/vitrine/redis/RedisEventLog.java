package io.vitrine.redis;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vitrine.event.Arm;
import io.vitrine.event.ArmDay;
import io.vitrine.event.ArmTotals;
import io.vitrine.event.Event;
import io.vitrine.event.EventAttribution;
import io.vitrine.event.EventType;
import io.vitrine.port.EventLog;

/**
 * The event log as a capped Redis stream. One Lua script per batch appends each event whose dedupe marker does not
 * exist and then sets the marker ({@code SET EX}), so the dedupe check and the append are atomic: of concurrent retries
 * exactly one stores the event. Redis does not undo a script that fails half way (a command the user's ACL refuses,
 * say), so the order matters: an event is appended before its marker is set, and a refused append leaves neither, so
 * its retry stores it rather than answering "duplicate" for an event that is not there. The stream is capped with
 * approximate trimming ({@code MAXLEN ~}); the cap is the log's retention.
 *
 * <p>
 * With {@code ackReplicas} above 0 the append is followed, on the same connection, by {@code WAIT ackReplicas}: the
 * append succeeds only once that many replicas have it, so an acknowledged event survives the loss of the master (a
 * failover promotes a replica that has it). A retry of events already stored refreshes their markers' expiry, a write
 * that makes its {@code WAIT} cover the earlier append too: "duplicate" is then also only answered for events the
 * replicas have.
 *
 * <p>
 * The same script counts each stored event in its experiment arms (counters, users with their revenue, buyers), whose
 * keys share the log's hash slot, and per UTC day of the event's timestamp in fields of the same counters hash. An
 * arm's totals are therefore exactly the stored events attributed to it, retries included, and they outlive the
 * stream's trimming.
 */
public final class RedisEventLog implements EventLog {
    /**
     * KEYS[1] stream, KEYS[2..n+1] dedupe markers, then three keys per arm (counters, users, buyers). ARGV[1] max
     * length, ARGV[2] TTL seconds, ARGV[3] n, then seven per event: JSON, arm numbers (space separated), arm labels,
     * counter field (or empty), revenue, userId, UTC day. The day's counts are fields {@code d:<day>:<counter>} of the
     * arm's counters hash ({@code users} and {@code buyers} count the arm's new users and buyers that day).
     */
    static final String APPEND_SCRIPT = """
            local n = tonumber(ARGV[3])
            local stored = {}
            for i = 1, n do
              if redis.call('EXISTS', KEYS[i + 1]) == 0 then
                local a = 3 + (i - 1) * 7
                if ARGV[a + 3] == '' then
                  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'e', ARGV[a + 1])
                else
                  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'e', ARGV[a + 1], 'a', ARGV[a + 3])
                end
                redis.call('SET', KEYS[i + 1], '1', 'EX', ARGV[2])
                local field, revenue, user = ARGV[a + 4], tonumber(ARGV[a + 5]), ARGV[a + 6]
                local day = 'd:' .. ARGV[a + 7] .. ':'
                for arm in string.gmatch(ARGV[a + 2], '%d+') do
                  local k = n + 1 + (tonumber(arm) - 1) * 3
                  local newUser
                  if field ~= '' then
                    redis.call('HINCRBY', KEYS[k + 1], field, 1)
                    redis.call('HINCRBY', KEYS[k + 1], day .. field, 1)
                  end
                  if revenue > 0 then
                    local prior = redis.call('HGET', KEYS[k + 2], user)
                    local before = tonumber(prior or '0')
                    local after = tonumber(redis.call('HINCRBYFLOAT', KEYS[k + 2], user, ARGV[a + 5]))
                    redis.call('HINCRBYFLOAT', KEYS[k + 1], 'revenue', ARGV[a + 5])
                    redis.call('HINCRBYFLOAT', KEYS[k + 1], day .. 'revenue', ARGV[a + 5])
                    redis.call('HINCRBYFLOAT', KEYS[k + 1], 'revenue_sq',
                      string.format('%.17g', after * after - before * before))
                    newUser = not prior
                  else
                    newUser = redis.call('HSETNX', KEYS[k + 2], user, '0') == 1
                  end
                  if newUser then
                    redis.call('HINCRBY', KEYS[k + 1], day .. 'users', 1)
                  end
                  if field == 'purchases' and redis.call('SADD', KEYS[k + 3], user) == 1 then
                    redis.call('HINCRBY', KEYS[k + 1], day .. 'buyers', 1)
                  end
                end
                stored[#stored + 1] = i
              else
                redis.call('EXPIRE', KEYS[i + 1], ARGV[2])
              end
            end
            return stored
            """;

    private final RedisCommands redis;
    private final RedisKeys keys;
    private final long maxLength;
    private final long dedupeSeconds;
    private final int ackReplicas;

    /**
     * A log whose appends are acknowledged by the master alone.
     *
     * @param maxLength approximate cap of the stream (oldest entries are trimmed beyond it)
     * @param dedupeWindow how long an event id is remembered
     */
    public RedisEventLog(RedisCommands redis, RedisKeys keys, long maxLength, Duration dedupeWindow) {
        this(redis, keys, maxLength, dedupeWindow, 0);
    }

    /**
     * @param maxLength approximate cap of the stream (oldest entries are trimmed beyond it)
     * @param dedupeWindow how long an event id is remembered (since its last retry)
     * @param ackReplicas replicas that must have an append before it succeeds ({@code WAIT}); 0: the master's answer
     *            suffices
     */
    public RedisEventLog(RedisCommands redis, RedisKeys keys, long maxLength, Duration dedupeWindow,
            int ackReplicas) {
        if (ackReplicas < 0) {
            throw new IllegalArgumentException("ackReplicas must not be negative: " + ackReplicas);
        }
        this.redis = redis;
        this.keys = keys;
        this.maxLength = maxLength;
        this.dedupeSeconds = Math.max(1, dedupeWindow.toSeconds());
        this.ackReplicas = ackReplicas;
    }

    @Override
    public AppendResult append(List<Event> events, EventAttribution attribution) {
        if (events.isEmpty()) {
            return new AppendResult(List.of(), 0);
        }
        Map<Arm, Integer> armNumbers = new LinkedHashMap<>();
        List<List<Arm>> armsByEvent = new ArrayList<>(events.size());
        for (Event e : events) {
            List<Arm> arms = List.copyOf(attribution.arms(e));
            arms.forEach(arm -> armNumbers.putIfAbsent(arm, armNumbers.size() + 1));
            armsByEvent.add(arms);
        }
        Request eval = Request.cmd(Command.EVAL)
                .arg(APPEND_SCRIPT)
                .arg(1 + events.size() + 3 * armNumbers.size())
                .arg(keys.eventLog());
        for (Event e : events) {
            eval.arg(keys.eventSeen(e.eventId()));
        }
        for (Arm arm : armNumbers.keySet()) {
            eval.arg(keys.armTotals(arm)).arg(keys.armUsers(arm)).arg(keys.armBuyers(arm));
        }
        eval.arg(maxLength).arg(dedupeSeconds).arg(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            StringJoiner numbers = new StringJoiner(" ");
            StringJoiner labels = new StringJoiner(",");
            for (Arm arm : armsByEvent.get(i)) {
                numbers.add(Integer.toString(armNumbers.get(arm)));
                labels.add(arm.toString());
            }
            double revenue = e.type() == EventType.PURCHASE && e.value() != null ? Math.max(0, e.value()) : 0;
            eval.arg(EventCodec.encode(e))
                    .arg(numbers.toString())
                    .arg(labels.toString())
                    .arg(counterField(e.type()))
                    .arg(RedisCommands.number(revenue))
                    .arg(e.userId())
                    .arg(LocalDate.ofInstant(e.timestamp(), ZoneOffset.UTC).toString());
        }
        Response reply = redis.sendReplicated(eval, ackReplicas);
        List<Event> stored = new ArrayList<>(reply.size());
        for (Response index : reply) {
            stored.add(events.get(index.toInteger() - 1));
        }
        return new AppendResult(stored, events.size() - stored.size());
    }

    private static String counterField(EventType type) {
        return switch (type) {
            case IMPRESSION -> "impressions";
            case CLICK -> "clicks";
            case ADD_TO_CART -> "add_to_carts";
            case PURCHASE -> "purchases";
            default -> "";
        };
    }

    @Override
    public List<LoggedEvent> read(String afterPosition, int limit) {
        Response reply = redis.send(Request.cmd(Command.XRANGE)
                .arg(keys.eventLog())
                .arg(afterPosition == null ? "-" : "(" + afterPosition)
                .arg("+")
                .arg("COUNT")
                .arg(limit));
        List<LoggedEvent> out = new ArrayList<>(reply.size());
        for (Response entry : reply) {
            String id = entry.get(0).toString();
            Map<String, String> fields = RedisCommands.toMap(entry.get(1));
            out.add(new LoggedEvent(id, EventCodec.decode(fields.get("e")), arms(fields.get("a"))));
        }
        return out;
    }

    private static List<Arm> arms(String labels) {
        if (labels == null || labels.isEmpty()) {
            return List.of();
        }
        List<Arm> out = new ArrayList<>();
        for (String label : labels.split(",")) {
            int eq = label.indexOf('=');
            out.add(new Arm(label.substring(0, eq), label.substring(eq + 1)));
        }
        return out;
    }

    @Override
    public Map<Arm, ArmTotals> totals(Collection<Arm> arms) {
        List<Arm> ordered = List.copyOf(arms);
        List<Request> requests = new ArrayList<>(ordered.size() * 3);
        for (Arm arm : ordered) {
            requests.add(Request.cmd(Command.HGETALL).arg(keys.armTotals(arm)));
            requests.add(Request.cmd(Command.HLEN).arg(keys.armUsers(arm)));
            requests.add(Request.cmd(Command.SCARD).arg(keys.armBuyers(arm)));
        }
        List<Response> replies = redis.batch(requests);
        Map<Arm, ArmTotals> out = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            Map<String, String> c = RedisCommands.toMap(replies.get(3 * i));
            out.put(ordered.get(i), new ArmTotals(replies.get(3 * i + 1).toLong(), count(c, "impressions"),
                    count(c, "clicks"), count(c, "add_to_carts"), count(c, "purchases"),
                    replies.get(3 * i + 2).toLong(), amount(c, "revenue"), amount(c, "revenue_sq")));
        }
        return out;
    }

    @Override
    public Map<Arm, List<ArmDay>> daily(Collection<Arm> arms) {
        List<Arm> ordered = List.copyOf(arms);
        List<Request> requests = new ArrayList<>(ordered.size());
        for (Arm arm : ordered) {
            requests.add(Request.cmd(Command.HGETALL).arg(keys.armTotals(arm)));
        }
        List<Response> replies = redis.batch(requests);
        Map<Arm, List<ArmDay>> out = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            out.put(ordered.get(i), days(RedisCommands.toMap(replies.get(i))));
        }
        return out;
    }

    /** The {@code d:<day>:<counter>} fields of an arm's counters, as days in ascending order. */
    private static List<ArmDay> days(Map<String, String> counters) {
        SortedMap<LocalDate, Map<String, String>> byDay = new TreeMap<>();
        counters.forEach((field, value) -> {
            if (field.startsWith("d:") && field.indexOf(':', 2) > 2) {
                int colon = field.indexOf(':', 2);
                byDay.computeIfAbsent(LocalDate.parse(field.substring(2, colon)), d -> new HashMap<>())
                        .put(field.substring(colon + 1), value);
            }
        });
        List<ArmDay> out = new ArrayList<>(byDay.size());
        byDay.forEach((day, c) -> out.add(new ArmDay(day, count(c, "users"), count(c, "impressions"),
                count(c, "clicks"), count(c, "add_to_carts"), count(c, "purchases"), count(c, "buyers"),
                amount(c, "revenue"))));
        return out;
    }

    private static long count(Map<String, String> counters, String field) {
        String value = counters.get(field);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static double amount(Map<String, String> counters, String field) {
        String value = counters.get(field);
        return value == null ? 0 : Double.parseDouble(value);
    }

    @Override
    public void clearTotals(Collection<Arm> arms) {
        if (arms.isEmpty()) {
            return;
        }
        Request del = Request.cmd(Command.DEL);
        for (Arm arm : arms) {
            del.arg(keys.armTotals(arm)).arg(keys.armUsers(arm)).arg(keys.armBuyers(arm));
        }
        redis.send(del);
    }
}
