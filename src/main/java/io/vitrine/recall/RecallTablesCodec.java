package io.vitrine.recall;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import io.vitrine.feature.ScoredItem;

/**
 * The binary format of {@link RecallTables}, version 1. Numbers are big-endian; {@code int32[n]} is n consecutive
 * 4-byte integers, {@code float32}/{@code float64} are IEEE 754 bits. Strings are stored once, in a string table, and
 * referred to by their index in it ({@code str} below is an int32 index).
 *
 * <pre>
 * magic        4 bytes  "VRTB"
 * version      int32    1
 * strings      int32 S, int32[S] UTF-8 byte lengths, then the S strings' bytes back to back
 * neighbours   int32 T, then T times:
 *                str name, int32 n, str[n] items, int32[n+1] offsets (offsets[0] = 0, non-decreasing),
 *                str[m] neighbours, float32[m] scores          where m = offsets[n]; item k's list is
 *                                                              [offsets[k], offsets[k+1]), best first
 * embeddings   int32 n, int32 d, str[n] items, float32[n*d] vectors (row-major)
 * popularity   int64 asOfMillis, int64 halfLife seconds, int32 halfLife nanos, list global,
 *              int32 C, then C times: str category, list
 *                where list = int32 c, str[c] items, float64[c] scores, best first
 * checksum     int32    CRC-32 of every byte above, from the magic on
 * </pre>
 *
 * A reader checks the magic and the version before anything else, so a future version is rejected up front rather than
 * misread. Arrays are read in chunks into buffers that grow as bytes actually arrive, so a corrupt length fails with
 * "truncated" instead of allocating gigabytes.
 */
final class RecallTablesCodec {
    static final byte[] MAGIC = {'V', 'R', 'T', 'B'};
    /** Elements converted per bulk read or write. */
    private static final int CHUNK = 1 << 14;

    private RecallTablesCodec() {
    }

    static void write(RecallTables tables, OutputStream target) throws IOException {
        Strings strings = new Strings();
        tables.neighbours().forEach((name, table) -> {
            strings.add(name);
            strings.addAll(table.itemArray());
            strings.addAll(table.neighbourArray());
        });
        strings.addAll(tables.embeddings().itemArray());
        PopularityLists popularity = tables.popularity();
        popularity.global().forEach(s -> strings.add(s.itemId()));
        popularity.categories().forEach((name, list) -> {
            strings.add(name);
            list.forEach(s -> strings.add(s.itemId()));
        });

        CRC32 crc = new CRC32();
        // The buffer sits below the checksum so every byte is counted exactly once; flushed, never closed, at the end.
        DataOutputStream out = new DataOutputStream(
                new CheckedOutputStream(new BufferedOutputStream(target, 1 << 16), crc));
        out.write(MAGIC);
        out.writeInt(RecallTables.FORMAT_VERSION);

        List<byte[]> encoded = new ArrayList<>(strings.order.size());
        int[] lengths = new int[strings.order.size()];
        for (int s = 0; s < lengths.length; s++) {
            byte[] bytes = strings.order.get(s).getBytes(StandardCharsets.UTF_8);
            encoded.add(bytes);
            lengths[s] = bytes.length;
        }
        out.writeInt(lengths.length);
        writeInts(out, lengths, lengths.length);
        BlockWriter block = new BlockWriter(out);
        for (byte[] bytes : encoded) {
            block.put(bytes);
        }
        block.flush();

        out.writeInt(tables.neighbours().size());
        for (Map.Entry<String, NeighbourLists> e : tables.neighbours().entrySet()) {
            NeighbourLists table = e.getValue();
            out.writeInt(strings.indexOf(e.getKey()));
            out.writeInt(table.itemCount());
            writeInts(out, strings.indicesOf(table.itemArray()), table.itemCount());
            writeInts(out, table.offsetArray(), table.offsetArray().length);
            writeInts(out, strings.indicesOf(table.neighbourArray()), table.entryCount());
            writeFloats(out, table.scoreArray());
        }

        ItemEmbeddings embeddings = tables.embeddings();
        out.writeInt(embeddings.itemCount());
        out.writeInt(embeddings.dimension());
        writeInts(out, strings.indicesOf(embeddings.itemArray()), embeddings.itemCount());
        writeFloats(out, embeddings.vectorArray());

        out.writeLong(popularity.asOfMillis());
        out.writeLong(popularity.halfLife().getSeconds());
        out.writeInt(popularity.halfLife().getNano());
        writeList(out, strings, popularity.global());
        out.writeInt(popularity.categories().size());
        for (Map.Entry<String, List<ScoredItem>> e : popularity.categories().entrySet()) {
            out.writeInt(strings.indexOf(e.getKey()));
            writeList(out, strings, e.getValue());
        }

        out.writeInt((int) crc.getValue());
        out.flush();
    }

    static RecallTables read(InputStream source) throws IOException {
        CRC32 crc = new CRC32();
        DataInputStream in = new DataInputStream(new CheckedInputStream(source, crc));
        try {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new RecallTablesFormatException("not a recall tables stream (bad magic number)");
            }
            int version = in.readInt();
            if (version != RecallTables.FORMAT_VERSION) {
                throw new RecallTablesFormatException("unsupported recall tables format version " + version
                        + "; this build reads version " + RecallTables.FORMAT_VERSION);
            }
            String[] strings = readStrings(in);

            int tableCount = count(in.readInt(), "neighbour table count");
            Map<String, NeighbourLists> neighbours = new LinkedHashMap<>();
            for (int t = 0; t < tableCount; t++) {
                String name = string(strings, in.readInt());
                int n = count(in.readInt(), "item count");
                String[] items = strings(strings, readInts(in, n));
                int[] offsets = readInts(in, n + 1);
                for (int k = 0; k < n; k++) {
                    if (offsets[k + 1] < offsets[k]) {
                        throw new RecallTablesFormatException("neighbour offsets of table " + name + " decrease");
                    }
                }
                if (offsets[0] != 0) {
                    throw new RecallTablesFormatException("neighbour offsets of table " + name + " do not start at 0");
                }
                int m = offsets[n];
                String[] neighbourIds = strings(strings, readInts(in, m));
                float[] scores = readFloats(in, m);
                if (neighbours.put(name, new NeighbourLists(items, offsets, neighbourIds, scores)) != null) {
                    throw new RecallTablesFormatException("neighbour table " + name + " appears twice");
                }
            }

            int n = count(in.readInt(), "embedding item count");
            int d = count(in.readInt(), "embedding dimension");
            if ((long) n * d > Integer.MAX_VALUE - 8) {
                throw new RecallTablesFormatException("embeddings too large: " + n + " x " + d);
            }
            String[] embeddingItems = strings(strings, readInts(in, n));
            ItemEmbeddings embeddings = new ItemEmbeddings(embeddingItems, d, readFloats(in, n * d));

            long asOf = in.readLong();
            long halfLifeSeconds = in.readLong();
            int halfLifeNanos = in.readInt();
            if (halfLifeNanos < 0 || halfLifeNanos > 999_999_999) {
                throw new RecallTablesFormatException("bad half-life nanoseconds " + halfLifeNanos);
            }
            List<ScoredItem> global = readList(in, strings);
            int categoryCount = count(in.readInt(), "category count");
            Map<String, List<ScoredItem>> categories = new HashMap<>();
            for (int c = 0; c < categoryCount; c++) {
                String name = string(strings, in.readInt());
                if (categories.put(name, readList(in, strings)) != null) {
                    throw new RecallTablesFormatException("category " + name + " appears twice");
                }
            }
            PopularityLists popularity = new PopularityLists(asOf,
                    Duration.ofSeconds(halfLifeSeconds, halfLifeNanos), global, categories);

            int expected = (int) crc.getValue();
            int stored = in.readInt();
            if (stored != expected) {
                throw new RecallTablesFormatException("recall tables checksum mismatch (corrupt input)");
            }
            return new RecallTables(neighbours, embeddings, popularity);
        } catch (EOFException e) {
            throw new RecallTablesFormatException("recall tables input is truncated", e);
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
            throw new RecallTablesFormatException("malformed recall tables: " + e.getMessage(), e);
        }
    }

    private static void writeList(DataOutputStream out, Strings strings, List<ScoredItem> list) throws IOException {
        int[] items = new int[list.size()];
        for (int p = 0; p < items.length; p++) {
            items[p] = strings.indexOf(list.get(p).itemId());
        }
        out.writeInt(items.length);
        writeInts(out, items, items.length);
        ByteBuffer buffer = ByteBuffer.allocate(8 * Math.min(CHUNK, Math.max(1, list.size())));
        for (int from = 0; from < list.size(); from += CHUNK) {
            int to = Math.min(list.size(), from + CHUNK);
            buffer.clear();
            for (int p = from; p < to; p++) {
                buffer.putDouble(list.get(p).score());
            }
            out.write(buffer.array(), 0, buffer.position());
        }
    }

    private static List<ScoredItem> readList(DataInputStream in, String[] strings) throws IOException {
        int c = count(in.readInt(), "list length");
        int[] items = readInts(in, c);
        ScoredItem[] list = new ScoredItem[c];
        byte[] bytes = new byte[8 * Math.min(CHUNK, Math.max(1, c))];
        for (int from = 0; from < c; from += CHUNK) {
            int to = Math.min(c, from + CHUNK);
            in.readFully(bytes, 0, 8 * (to - from));
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            for (int p = from; p < to; p++) {
                list[p] = new ScoredItem(string(strings, items[p]), buffer.getDouble());
            }
        }
        return Arrays.asList(list);
    }

    private static void writeInts(DataOutputStream out, int[] values, int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 * Math.min(CHUNK, Math.max(1, n)));
        for (int from = 0; from < n; from += CHUNK) {
            int m = Math.min(CHUNK, n - from);
            buffer.clear();
            buffer.asIntBuffer().put(values, from, m);
            out.write(buffer.array(), 0, 4 * m);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 * Math.min(CHUNK, Math.max(1, values.length)));
        for (int from = 0; from < values.length; from += CHUNK) {
            int m = Math.min(CHUNK, values.length - from);
            buffer.clear();
            buffer.asFloatBuffer().put(values, from, m);
            out.write(buffer.array(), 0, 4 * m);
        }
    }

    private static int[] readInts(DataInputStream in, int n) throws IOException {
        int[] values = new int[Math.min(n, CHUNK)];
        byte[] bytes = new byte[4 * Math.min(n, CHUNK)];
        for (int from = 0; from < n; from += CHUNK) {
            int m = Math.min(CHUNK, n - from);
            in.readFully(bytes, 0, 4 * m);
            // Grow only as data arrives, so a corrupt count cannot allocate more than the input holds.
            if (values.length < from + m) {
                values = Arrays.copyOf(values, (int) Math.min(n, Math.max(from + m, 2L * values.length)));
            }
            ByteBuffer.wrap(bytes, 0, 4 * m).asIntBuffer().get(values, from, m);
        }
        return values;
    }

    /** Floats are written as their IEEE 754 bits, so they read back as ints (bundle load only, not per request). */
    private static float[] readFloats(DataInputStream in, int n) throws IOException {
        int[] bits = readInts(in, n);
        float[] values = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            values[i] = Float.intBitsToFloat(bits[i]);
        }
        return values;
    }

    private static String[] readStrings(DataInputStream in) throws IOException {
        int s = count(in.readInt(), "string count");
        int[] lengths = readInts(in, s);
        long total = 0;
        for (int length : lengths) {
            total += count(length, "string length");
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new RecallTablesFormatException("string table too large");
        }
        byte[] bytes = new byte[(int) Math.min(total, CHUNK)];
        for (int from = 0; from < total; from += CHUNK) {
            int m = (int) Math.min(CHUNK, total - from);
            if (bytes.length < from + m) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(total, Math.max(from + m, 2L * bytes.length)));
            }
            in.readFully(bytes, from, m);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String[] strings = new String[s];
        int at = 0;
        try {
            for (int k = 0; k < s; k++) {
                CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, at, lengths[k]));
                strings[k] = chars.toString();
                at += lengths[k];
            }
        } catch (CharacterCodingException e) {
            throw new RecallTablesFormatException("string table is not valid UTF-8", e);
        }
        return strings;
    }

    private static int count(int value, String what) throws RecallTablesFormatException {
        if (value < 0 || value > Integer.MAX_VALUE - 8) {
            throw new RecallTablesFormatException("bad " + what + ": " + value);
        }
        return value;
    }

    private static String string(String[] strings, int index) throws RecallTablesFormatException {
        if (index < 0 || index >= strings.length) {
            throw new RecallTablesFormatException("string index " + index + " out of range");
        }
        return strings[index];
    }

    private static String[] strings(String[] strings, int[] indices) throws RecallTablesFormatException {
        String[] out = new String[indices.length];
        for (int p = 0; p < indices.length; p++) {
            out[p] = string(strings, indices[p]);
        }
        return out;
    }

    /** The string table under construction: each distinct string once, in first-use order. */
    private static final class Strings {
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> order = new ArrayList<>();

        void add(String s) {
            if (!index.containsKey(s)) {
                index.put(s, order.size());
                order.add(s);
            }
        }

        void addAll(String[] values) {
            for (String s : values) {
                add(s);
            }
        }

        int indexOf(String s) {
            return index.get(s);
        }

        int[] indicesOf(String[] values) {
            int[] out = new int[values.length];
            for (int p = 0; p < values.length; p++) {
                out[p] = index.get(values[p]);
            }
            return out;
        }
    }

    /** Copies many small byte arrays into one stream in large writes. */
    private static final class BlockWriter {
        private final OutputStream out;
        private final byte[] buffer = new byte[1 << 16];
        private int used;

        BlockWriter(OutputStream out) {
            this.out = out;
        }

        void put(byte[] bytes) throws IOException {
            if (bytes.length > buffer.length - used) {
                flush();
                if (bytes.length > buffer.length) {
                    out.write(bytes);
                    return;
                }
            }
            System.arraycopy(bytes, 0, buffer, used, bytes.length);
            used += bytes.length;
        }

        void flush() throws IOException {
            out.write(buffer, 0, used);
            used = 0;
        }
    }
}
