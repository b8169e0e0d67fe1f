package io.vitrine.recall;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The recall tables the trainer publishes with a model bundle: named item-to-item neighbour tables (such as
 * {@value #COOCCURRENCE}, {@value #EMBEDDING} and {@value #EASE}), the item embeddings, and the popularity lists.
 *
 * <p>
 * {@link #writeTo(OutputStream)} and {@link #readFrom(InputStream)} use a versioned binary format (described in
 * {@code RecallTablesCodec}; no Java serialization): a magic number, {@link #FORMAT_VERSION}, a string table, the
 * tables as flat arrays, and a CRC-32 of everything before it. Reading rejects another magic number, any other version,
 * truncated input and corrupt input with a {@link RecallTablesFormatException}.
 *
 * @param neighbours neighbour tables by recall source name, iterated in name order
 * @param embeddings the item embeddings (may be {@link ItemEmbeddings#empty()})
 * @param popularity the popularity lists
 */
import io.vitrine.feature.ScoredItem;

public record RecallTables(Map<String, NeighbourLists> neighbours, ItemEmbeddings embeddings,
        PopularityLists popularity) {
    /** The format version {@link #writeTo(OutputStream)} writes and the only one {@link #readFrom} accepts. */
    public static final int FORMAT_VERSION = 1;
    /** Name of the co-occurrence neighbour table ({@link CooccurrenceBuilder}). */
    public static final String COOCCURRENCE = "cooccurrence";
    /** Name of the embedding nearest-neighbour table ({@link ItemEmbeddings#nearestNeighbours(int)}). */
    public static final String EMBEDDING = "embedding";
    /** Name of the EASE neighbour table ({@link Ease}). */
    public static final String EASE = "ease";

    public RecallTables {
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(popularity, "popularity");
        TreeMap<String, NeighbourLists> copy = new TreeMap<>();
        neighbours.forEach((name, table) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("neighbour table names must not be blank");
            }
            copy.put(name, Objects.requireNonNull(table, name));
        });
        neighbours = Collections.unmodifiableMap(copy);
    }

    /** The neighbour table named {@code source}, empty if there is none. */
    /** The non-empty neighbour lists of {@code itemIds} in table {@code source} (the seeds of item-to-item recall). */
    public Map<String, List<ScoredItem>> neighbours(String source, Collection<String> itemIds) {
        NeighbourLists lists = neighbours(source);
        Map<String, List<ScoredItem>> out = new HashMap<>();
        for (String id : itemIds) {
            List<ScoredItem> list = lists.neighbours(id);
            if (!list.isEmpty()) {
                out.put(id, list);
            }
        }
        return out;
    }

    public NeighbourLists neighbours(String source) {
        return neighbours.getOrDefault(source, NeighbourLists.empty());
    }

    /** Writes the tables in format {@link #FORMAT_VERSION}; flushes but does not close {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        RecallTablesCodec.write(this, out);
    }

    /**
     * Reads tables written by {@link #writeTo(OutputStream)}, consuming exactly their bytes; does not close {@code in}.
     *
     * @throws RecallTablesFormatException if the input is not recall tables of version {@link #FORMAT_VERSION}, is
     *             truncated or is corrupt
     * @throws IOException if reading fails
     */
    public static RecallTables readFrom(InputStream in) throws IOException {
        return RecallTablesCodec.read(in);
    }

    /** The tables in format {@link #FORMAT_VERSION}, as bytes (a bundle file, a Spark broadcast). */
    public byte[] toBytes() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Tables from {@link #toBytes()}.
     *
     * @throws RecallTablesFormatException if the bytes are not recall tables of version {@link #FORMAT_VERSION}
     */
    public static RecallTables fromBytes(byte[] bytes) {
        try {
            return readFrom(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
