package io.vitrine.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ThrottledWarningTest {
    /** Records formatted messages. */
    private static final class Recorder implements System.Logger {
        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "recorder";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + java.text.MessageFormat.format(format, params));
        }
    }

    @Test
    void logsTheFirstOccurrenceThenOncePerIntervalWithTheCountItStoodFor() {
        Recorder log = new Recorder();
        AtomicLong now = new AtomicLong(1_000);
        ThrottledWarning warning = new ThrottledWarning(log, "degraded", Duration.ofSeconds(10), now::get);

        warning.warn("redis down");
        for (int i = 0; i < 5; i++) {
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            warning.warn("redis down");
        }
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        warning.warn("too slow");

        assertThat(log.lines).containsExactly("WARNING degraded: redis down",
                "WARNING degraded: too slow (and 5 more since the last warning)");
    }

    @Test
    void aQuietIntervalStartsAFreshStreak() {
        Recorder log = new Recorder();
        AtomicLong now = new AtomicLong(0);
        ThrottledWarning warning = new ThrottledWarning(log, "degraded", Duration.ofSeconds(10), now::get);

        warning.warn("a");
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        warning.warn("b");

        assertThat(log.lines).containsExactly("WARNING degraded: a", "WARNING degraded: b");
    }
}
