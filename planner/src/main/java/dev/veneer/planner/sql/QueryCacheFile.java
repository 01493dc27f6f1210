package dev.veneer.planner.sql;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The binary layout of the query cache file: a header, then records, each with its own CRC-32C, so
 * that a run which parsed a few files appends their records instead of writing the file again. A
 * later record for a key replaces an earlier one. The header names the format and the parser
 * version; a file that is truncated, bit-flipped anywhere, written by another format or parsed by
 * another grammar is refused as a whole.
 *
 * <pre>
 * file   := header | record*
 * header := magic "VNRQCACH" | int format | string parserVersion | int crc32c(format, parserVersion)
 * record := int length | length × byte entry | int crc32c(entry)
 * entry  := string key | int firstLine | int firstColumn | int textLength
 *           | int refs | refs × (int parts | parts × string | int start | int end | int line | int column)
 *           | byte hasSelect [ | byte distinct | byte aggregating | int n | n × (int start | int end | byte aggregate | byte generator) ]
 *           | int macros | macros × (int start | int end | string name)
 *           | byte hasHashes [ | string context | 32 × byte attributes | 32 × byte data | 32 × byte metadata ]
 * string := int byteLength | UTF-8 bytes
 * </pre>
 */
final class QueryCacheFile {
    /**
     * 2: macro variables. 3: keys are a length and a 128-bit MurmurHash3, no longer a SHA-256.
     * 4: records with their own checksums (appendable); no canonical text; the model's own hashes.
     */
    static final int FORMAT = 4;
    private static final byte[] MAGIC = "VNRQCACH".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();
    private static final int HASH_BYTES = 32;

    private QueryCacheFile() {}

    /** Why a file's content cannot be used. */
    static final class Unusable extends Exception {
        Unusable(String reason) {
            super(reason);
        }
    }

    /** What a file holds: the newest entry per key, and how many records it took (superseded ones included). */
    record Content(Map<String, CachedQuery> entries, int records) {}

    /** The header every file of this format and parser version starts with, byte for byte. */
    static byte[] header(String parserVersion) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try {
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(FORMAT);
            CacheRecords.writeString(out, parserVersion);
            CRC32C crc = new CRC32C();
            byte[] written = bytes.toByteArray();
            crc.update(written, MAGIC.length, written.length - MAGIC.length);
            out.writeInt((int) crc.getValue());
        }
        catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** A whole file: the header, then one record per entry in the map's order. */
    static byte[] encode(String parserVersion, Map<String, CachedQuery> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * 512);
        try {
            write(bytes, parserVersion, entries);
        }
        catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** Streams a whole file to {@code out} (left open). */
    static void write(OutputStream out, String parserVersion, Map<String, CachedQuery> entries) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        buffered.write(header(parserVersion));
        writeRecords(buffered, entries);
        buffered.flush();
    }

    /** Records for {@code entries}, as appended after a file's last record. */
    static byte[] records(Map<String, CachedQuery> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(entries.size() * 512);
        try {
            writeRecords(bytes, entries);
        }
        catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void writeRecords(OutputStream out, Map<String, CachedQuery> entries) throws IOException {
        ByteArrayOutputStream entry = new ByteArrayOutputStream(1024);
        DataOutputStream entryOut = new DataOutputStream(entry);
        DataOutputStream framed = new DataOutputStream(out);
        CRC32C crc = new CRC32C();
        for (Map.Entry<String, CachedQuery> each : entries.entrySet()) {
            entry.reset();
            CacheRecords.writeString(entryOut, each.getKey());
            writeEntry(entryOut, each.getValue());
            entryOut.flush();
            byte[] bytes = entry.toByteArray();
            crc.reset();
            crc.update(bytes);
            framed.writeInt(bytes.length);
            framed.write(bytes);
            framed.writeInt((int) crc.getValue());
        }
        framed.flush();
    }

    static Content decode(byte[] file, String parserVersion) throws Unusable {
        ByteBuffer in = ByteBuffer.wrap(file);
        try {
            if (file.length < MAGIC.length || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                throw new Unusable("not a Veneer query cache file");
            }
            in.position(MAGIC.length);
            int format = in.getInt();
            if (format != FORMAT) {
                throw new Unusable("written in cache format " + format + ", this Veneer reads format " + FORMAT);
            }
            String version = CacheRecords.readString(in);
            CRC32C crc = new CRC32C();
            crc.update(file, MAGIC.length, in.position() - MAGIC.length);
            if ((int) crc.getValue() != in.getInt()) {
                throw new Unusable("checksum mismatch in the header (damaged)");
            }
            if (!version.equals(parserVersion)) {
                throw new Unusable("written by another parser version");
            }
            Map<String, CachedQuery> entries = new HashMap<>(Math.max(16, file.length / 256));
            int records = 0;
            while (in.hasRemaining()) {
                int length = in.getInt();
                if (length < 0 || length > in.remaining() - Integer.BYTES) {
                    throw new Unusable("truncated after " + records + " records");
                }
                int start = in.position();
                crc.reset();
                crc.update(file, start, length);
                if ((int) crc.getValue() != in.getInt(start + length)) {
                    throw new Unusable("checksum mismatch in record " + (records + 1) + " (truncated or damaged)");
                }
                ByteBuffer entry = ByteBuffer.wrap(file, start, length).slice();
                String key = CacheRecords.readString(entry);
                CachedQuery query = readEntry(entry);
                if (entry.hasRemaining()) {
                    throw new Unusable(entry.remaining() + " unexpected bytes at the end of record " + (records + 1));
                }
                entries.put(key, query);
                records++;
                in.position(start + length + Integer.BYTES);
            }
            return new Content(entries, records);
        }
        catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException | NullPointerException e) {
            throw new Unusable("malformed entry: " + e);
        }
    }

    private static void writeEntry(DataOutputStream out, CachedQuery query) throws IOException {
        out.writeInt(query.firstLine());
        out.writeInt(query.firstColumn());
        out.writeInt(query.textLength());
        out.writeInt(query.references().size());
        for (TableReference reference : query.references()) {
            out.writeInt(reference.nameParts().size());
            for (String part : reference.nameParts()) {
                CacheRecords.writeString(out, part);
            }
            out.writeInt(reference.start());
            out.writeInt(reference.end());
            out.writeInt(reference.line());
            out.writeInt(reference.column());
        }
        OutermostSelect select = query.select();
        out.writeBoolean(select != null);
        if (select != null) {
            out.writeBoolean(select.distinct());
            out.writeBoolean(select.aggregating());
            out.writeInt(select.projections().size());
            for (OutermostSelect.Projection projection : select.projections()) {
                out.writeInt(projection.start());
                out.writeInt(projection.end());
                out.writeBoolean(projection.aggregate());
                out.writeBoolean(projection.generator());
            }
        }
        out.writeInt(query.macros().size());
        for (MacroSpan macro : query.macros()) {
            out.writeInt(macro.start());
            out.writeInt(macro.end());
            CacheRecords.writeString(out, macro.name());
        }
        CachedHashes hashes = query.hashes();
        out.writeBoolean(hashes != null);
        if (hashes != null) {
            CacheRecords.writeString(out, hashes.context());
            out.write(HEX.parseHex(hashes.attributes()));
            out.write(HEX.parseHex(hashes.data()));
            out.write(HEX.parseHex(hashes.metadata()));
        }
    }

    private static CachedQuery readEntry(ByteBuffer in) {
        int firstLine = in.getInt();
        int firstColumn = in.getInt();
        int textLength = in.getInt();
        int referenceCount = CacheRecords.count(in);
        List<TableReference> references = new ArrayList<>(referenceCount);
        for (int i = 0; i < referenceCount; i++) {
            int partCount = CacheRecords.count(in);
            List<String> parts = new ArrayList<>(partCount);
            for (int p = 0; p < partCount; p++) {
                parts.add(CacheRecords.readString(in));
            }
            references.add(new TableReference(parts, in.getInt(), in.getInt(), in.getInt(), in.getInt()));
        }
        OutermostSelect select = null;
        if (readBoolean(in)) {
            boolean distinct = readBoolean(in);
            boolean aggregating = readBoolean(in);
            int projectionCount = CacheRecords.count(in);
            List<OutermostSelect.Projection> projections = new ArrayList<>(projectionCount);
            for (int i = 0; i < projectionCount; i++) {
                projections.add(new OutermostSelect.Projection(in.getInt(), in.getInt(), readBoolean(in), readBoolean(in)));
            }
            select = new OutermostSelect(projections, distinct, aggregating);
        }
        int macroCount = CacheRecords.count(in);
        List<MacroSpan> macros = new ArrayList<>(macroCount);
        for (int i = 0; i < macroCount; i++) {
            macros.add(new MacroSpan(in.getInt(), in.getInt(), CacheRecords.readString(in)));
        }
        CachedHashes hashes = null;
        if (readBoolean(in)) {
            hashes = new CachedHashes(CacheRecords.readString(in), readHash(in), readHash(in), readHash(in));
        }
        return new CachedQuery(firstLine, firstColumn, textLength, references, select, macros, hashes);
    }

    private static String readHash(ByteBuffer in) {
        byte[] hash = new byte[HASH_BYTES];
        in.get(hash);
        return HEX.formatHex(hash);
    }

    private static boolean readBoolean(ByteBuffer in) {
        byte value = in.get();
        if (value != 0 && value != 1) {
            throw new IllegalArgumentException("boolean byte " + value);
        }
        return value == 1;
    }
}
