package io.vitrine.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.vitrine.validation.FieldViolation;

/**
 * Streams the records of a CSV or JSON Lines file as input records of type {@code T}.
 *
 * @param <T> the input record type (e.g. {@code EventInput})
 */
public final class RecordFile<T> {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();

    private final Path path;
    private final Class<T> type;
    private final CsvMapper<T> csvMapper;

    /**
     * @param path a {@code .csv}, {@code .jsonl}, {@code .ndjson} or {@code .json} (one object per line) file
     * @param type the record type JSON lines are bound to
     * @param csvMapper how a CSV row becomes a record
     */
    public RecordFile(Path path, Class<T> type, CsvMapper<T> csvMapper) {
        this.path = path;
        this.type = type;
        this.csvMapper = csvMapper;
    }

    public Path path() {
        return path;
    }

    /** Whether the file is read as CSV (by extension; anything else is JSON Lines). */
    public boolean isCsv() {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /**
     * Reads every record in file order.
     *
     * @param consumer receives each record; {@link Line#value()} is null when the record could not be parsed, and then
     *            {@link Line#violations()} says why
     */
    public void forEach(Consumer<Line<T>> consumer) {
        try {
            if (isCsv()) {
                readCsv(consumer);
            } else {
                readJsonLines(consumer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private void readCsv(Consumer<Line<T>> consumer) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
                CSVParser parser = CSV.parse(reader)) {
            for (CSVRecord record : parser) {
                List<FieldViolation> violations = new ArrayList<>();
                T value = csvMapper.map(new CsvRow(record), violations);
                consumer.accept(new Line<>(record.getRecordNumber() + 1, violations.isEmpty() ? value : null,
                        violations));
            }
        }
    }

    private void readJsonLines(Consumer<Line<T>> consumer) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String text;
            long number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    consumer.accept(new Line<>(number, JSON.readValue(text, type), List.of()));
                } catch (JsonMappingException e) {
                    String field = e.getPath().isEmpty() ? "" : e.getPath().get(0).getFieldName();
                    consumer.accept(new Line<>(number, null, List.of(new FieldViolation(field == null ? "" : field,
                            "has the wrong type"))));
                } catch (JsonProcessingException e) {
                    consumer.accept(new Line<>(number, null,
                            List.of(new FieldViolation("", "is not valid JSON: " + e.getOriginalMessage()))));
                }
            }
        }
    }

    /**
     * One record of a file.
     *
     * @param number the line number (CSV: counting the header as line 1)
     * @param value the parsed record, or null when it could not be parsed
     * @param violations why it could not be parsed
     */
    public record Line<T>(long number, T value, List<FieldViolation> violations) {
    }

    /** Maps a CSV row to a record, recording unparseable fields. */
    @FunctionalInterface
    public interface CsvMapper<T> {
        T map(CsvRow row, List<FieldViolation> violations);
    }
}
