package io.vitrine.files;

import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVRecord;

import io.vitrine.validation.FieldViolation;

/** Typed access to the columns of a CSV row; missing columns and empty cells read as null. */
public final class CsvRow {
    private final java.util.function.Function<String, String> cells;

    CsvRow(CSVRecord record) {
        this.cells = column -> record.isMapped(column) && record.isSet(column) ? record.get(column) : null;
    }

    private CsvRow(java.util.function.Function<String, String> cells) {
        this.cells = cells;
    }

    /**
     * A row of named text cells from elsewhere than a CSV file (such as a Spark row), read with the same rules.
     *
     * @param cells a column's text, or null when the row has no such column or no value in it
     */
    public static CsvRow of(java.util.function.Function<String, String> cells) {
        return new CsvRow(cells);
    }

    public String text(String column) {
        String value = cells.apply(column);
        return value == null || value.isEmpty() ? null : value;
    }

    public Double number(String column, List<FieldViolation> out) {
        String value = text(column);
        if (value == null) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            out.add(new FieldViolation(column, "must be a number"));
            return null;
        }
    }

    public Integer integer(String column, List<FieldViolation> out) {
        String value = text(column);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            out.add(new FieldViolation(column, "must be an integer"));
            return null;
        }
    }

    public Boolean bool(String column, List<FieldViolation> out) {
        String value = text(column);
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equals("1")) {
            return true;
        }
        if (value.equalsIgnoreCase("false") || value.equals("0")) {
            return false;
        }
        out.add(new FieldViolation(column, "must be true or false"));
        return null;
    }

    /** A list cell, entries separated by {@code |}. */
    public List<String> list(String column) {
        String value = text(column);
        return value == null ? null : Arrays.asList(value.split("\\|"));
    }
}
