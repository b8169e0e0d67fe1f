package io.vitrine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.files.CsvRow;
import io.vitrine.files.DataFiles;
import io.vitrine.validation.FieldViolation;
import io.vitrine.wire.EventInput;
import io.vitrine.wire.EventValidator;
import io.vitrine.wire.ItemInput;
import io.vitrine.wire.ItemValidator;

/**
 * Events and items as Spark reads them: CSV (the columns of {@code train}'s CSV files), JSON Lines (the JSON form,
 * context nested) or Parquet, from any path Spark reads ({@code file:}, {@code s3a://}, {@code s3://} on EMR, {@code
 * oss://} on E-MapReduce, {@code gs://} on Dataproc). Every record becomes a row of text cells in the CSV column
 * layout, and each executor turns a row into an {@link Event} with the main project's reader and validator
 * ({@link DataFiles#event}, {@link EventValidator}): the same parsing and the same rules as {@code train}.
 */
final class EventTable {
    /** The text columns of an event row, in order. */
    static final List<String> COLUMNS = List.of("eventId", "userId", "type", "itemId", "timestamp", "requestId",
            "value", "quantity", "query", "device", "locale", "sessionId", "campaign");
    private static final Set<String> CONTEXT = Set.of("device", "locale", "sessionId", "campaign");
    static final int USER = COLUMNS.indexOf("userId");
    static final int ITEM = COLUMNS.indexOf("itemId");
    /** Index of the read order column (ties of one timestamp keep it, like the file order of {@code train}). */
    static final int SEQ = COLUMNS.size();

    private EventTable() {
    }

    /** Reads a file or directory; the format is {@code csv}, {@code json} or {@code parquet}, or null: by extension. */
    static Dataset<Row> read(SparkSession spark, String path, String format) {
        String f = format != null ? format : formatOf(path);
        Dataset<Row> raw = switch (f) {
            // RFC 4180 quoting, as train's CSV reader (commons-csv) and writer: a quote inside a field is doubled.
            case "csv" -> spark.read()
                    .option("header", "true")
                    .option("inferSchema", "false")
                    .option("escape", "\"")
                    .csv(path);
            case "json" -> spark.read().option("primitivesAsString", "true").json(path);
            case "parquet" -> spark.read().parquet(path);
            default -> throw new IllegalArgumentException("unknown format " + f + ": csv, json or parquet");
        };
        return raw;
    }

    static String formatOf(String path) {
        String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        if (p.endsWith(".csv") || p.endsWith(".csv.gz")) {
            return "csv";
        }
        if (p.endsWith(".parquet")) {
            return "parquet";
        }
        return "json";
    }

    /** The events as text cells in {@link #COLUMNS} order, then the read order ({@code seq}). */
    static Dataset<Row> normalized(Dataset<Row> raw) {
        Map<String, DataType> types = new HashMap<>();
        for (StructField f : raw.schema().fields()) {
            types.put(f.name(), f.dataType());
        }
        boolean nested = types.get("context") instanceof StructType;
        List<Column> out = new ArrayList<>();
        for (String name : COLUMNS) {
            Column c;
            DataType type = types.get(name);
            if (type != null) {
                c = text(col(name), type);
            } else if (nested && CONTEXT.contains(name)
                    && Arrays.asList(((StructType) types.get("context")).fieldNames()).contains(name)) {
                c = col("context." + name).cast(DataTypes.StringType);
            } else {
                c = lit(null).cast(DataTypes.StringType);
            }
            out.add(c.as(name));
        }
        out.add(monotonically_increasing_id().as("seq"));
        return raw.select(out.toArray(Column[]::new));
    }

    /** Items as text cells (list columns joined with {@code |}, as in the CSV form). */
    static Dataset<Row> itemCells(Dataset<Row> raw) {
        List<Column> out = new ArrayList<>();
        for (StructField f : raw.schema().fields()) {
            out.add(text(col(f.name()), f.dataType()).as(f.name()));
        }
        return raw.select(out.toArray(Column[]::new));
    }

    private static Column text(Column c, DataType type) {
        if (type instanceof TimestampType) {
            return date_format(c, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
        }
        if (type instanceof ArrayType) {
            return concat_ws("|", c);
        }
        return c.cast(DataTypes.StringType);
    }

    /** The event of a normalized row, or null when it is invalid (then {@code problems} says why). */
    static Event event(Row row, EventValidator validator, Instant now, List<FieldViolation> problems) {
        CsvRow cells = CsvRow.of(name -> {
            int i = COLUMNS.indexOf(name);
            return i < 0 || row.isNullAt(i) ? null : row.getString(i);
        });
        List<FieldViolation> violations = new ArrayList<>();
        EventInput input = DataFiles.event(cells, violations);
        Event e = violations.isEmpty() ? validator.validate(input, now, violations) : null;
        if (e == null) {
            problems.addAll(violations);
        }
        return e;
    }

    /** The catalog of item rows (column name to text); fails listing the first invalid ones. */
    static List<Item> catalog(List<Map<String, String>> rows) {
        List<Item> out = new ArrayList<>(rows.size());
        List<String> problems = new ArrayList<>();
        for (Map<String, String> row : rows) {
            List<FieldViolation> violations = new ArrayList<>();
            ItemInput input = DataFiles.item(CsvRow.of(row::get), violations);
            Item item = violations.isEmpty() ? ItemValidator.validate(input, violations) : null;
            if (item != null) {
                out.add(item);
            } else if (problems.size() < 20) {
                problems.add(row.get("itemId") + ": " + violations);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the catalog has invalid records; fix them first: " + problems);
        }
        return out;
    }

    /** Collects item rows to the driver as column-to-text maps. */
    static List<Map<String, String>> itemRows(Dataset<Row> items) {
        Dataset<Row> cells = itemCells(items);
        String[] names = cells.columns();
        List<Map<String, String>> out = new ArrayList<>();
        for (Row r : cells.collectAsList()) {
            HashMap<String, String> m = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                if (!r.isNullAt(i)) {
                    m.put(names[i], r.getString(i));
                }
            }
            out.add(m);
        }
        return out;
    }
}
