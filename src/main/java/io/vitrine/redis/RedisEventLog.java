package io.vitrine.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vitrine.event.Event;
import io.vitrine.event.EventCodec;
import io.vitrine.event.EventLog;

/**
 * The event log as a capped Redis stream. One Lua script per batch sets a dedupe marker per event id
 * ({@code SET NX EX}) and appends only the events whose marker it created, so the dedupe check and the append are
 * atomic: of concurrent retries exactly one stores the event, and a failure leaves either both or neither. The stream
 * is capped with approximate trimming ({@code MAXLEN ~}); the cap is the log's retention.
 */
public final class RedisEventLog implements EventLog {
    /** KEYS[1] stream, KEYS[2..] dedupe markers; ARGV[1] max length, ARGV[2] TTL seconds, ARGV[3..] event JSON. */
    static final String APPEND_SCRIPT = """
            local stored = {}
            for i = 2, #KEYS do
              if redis.call('SET', KEYS[i], '1', 'NX', 'EX', ARGV[2]) then
                redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'e', ARGV[i + 1])
                stored[#stored + 1] = i - 1
              end
            end
            return stored
            """;

    private final RedisCommands redis;
    private final RedisKeys keys;
    private final long maxLength;
    private final long dedupeSeconds;

    /**
     * @param maxLength approximate cap of the stream (oldest entries are trimmed beyond it)
     * @param dedupeWindow how long an event id is remembered
     */
    public RedisEventLog(RedisCommands redis, RedisKeys keys, long maxLength, Duration dedupeWindow) {
        this.redis = redis;
        this.keys = keys;
        this.maxLength = maxLength;
        this.dedupeSeconds = Math.max(1, dedupeWindow.toSeconds());
    }

    @Override
    public AppendResult append(List<Event> events) {
        if (events.isEmpty()) {
            return new AppendResult(List.of(), 0);
        }
        Request eval = Request.cmd(Command.EVAL).arg(APPEND_SCRIPT).arg(events.size() + 1).arg(keys.eventLog());
        for (Event e : events) {
            eval.arg(keys.eventSeen(e.eventId()));
        }
        eval.arg(maxLength).arg(dedupeSeconds);
        for (Event e : events) {
            eval.arg(EventCodec.encode(e));
        }
        Response reply = redis.send(eval);
        List<Event> stored = new ArrayList<>(reply.size());
        for (Response index : reply) {
            stored.add(events.get(index.toInteger() - 1));
        }
        return new AppendResult(stored, events.size() - stored.size());
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
            Response fields = entry.get(1);
            String json = RedisCommands.toMap(fields).get("e");
            out.add(new LoggedEvent(id, EventCodec.decode(json)));
        }
        return out;
    }
}
