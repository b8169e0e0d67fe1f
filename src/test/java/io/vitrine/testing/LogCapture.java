package io.vitrine.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every log record the application emits while open: a handler on the root logger of the JVM's log manager
 * (JBoss LogManager under Quarkus tests, shared by the application), with each record's formatted message, logger,
 * parameters and full stack trace. While open, the root logger passes DEBUG and above, so records that production would
 * filter out are checked too.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final List<String> records = new ArrayList<>();
    private final Formatter formatter = new SimpleFormatter();
    private final Logger root = Logger.getLogger("");
    private final Level previousLevel;

    private LogCapture() {
        previousLevel = root.getLevel();
        setLevel(Level.ALL);
    }

    /** Starts capturing. */
    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.root.setLevel(Level.FINE);
        capture.root.addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        StringBuilder line = new StringBuilder();
        line.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(' ');
        line.append(formatter.formatMessage(record));
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                line.append(" [").append(parameter).append(']');
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        records.add(line.toString());
    }

    /** Everything captured so far, one record per line (stack traces included). */
    public synchronized String text() {
        return String.join("\n", records);
    }

    /** The captured records of one logger category. */
    public synchronized List<String> of(String category) {
        return records.stream().filter(r -> r.contains(" " + category + " ")).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(previousLevel);
    }
}
