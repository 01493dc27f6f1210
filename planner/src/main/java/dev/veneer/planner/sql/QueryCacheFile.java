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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The binary layout of the query cache file. Everything after the magic is covered by a CRC-32C
 * trailer, and the header names the format and the parser version: a file that is truncated,
 * bit-flipped, written by another format or parsed by another grammar is refused as a whole.
 *
 * <pre>
 * magic "VNRQCACH" | int format | string parserVersion | int count | count × entry | long crc32c
 * entry  := string key | int firstLine | int firstColumn | int textLength | string canonicalText
 *           | int refs | refs × (int parts | parts × string | int start | int end | int line | int column)
 *           | byte hasSelect [ | byte distinct | byte aggregating | int n | n × (int start | int end | byte aggregate | byte generator) ]
 * string := int byteLength | UTF-8 bytes
 * </pre>
 */
final class QueryCacheFile {
    /** 2: macro variables. 3: keys are a length and a 128-bit MurmurHash3, no longer a SHA-256. */
    static final int FORMAT = 3;
    private static final byte[] MAGIC = "VNRQCACH".getBytes(StandardCharsets.US_ASCII);

    private QueryCacheFile() {}

    /** Why a file's content cannot be used. */
    static final class Unusable extends Exception {
        Unusable(String reason) {
            super(reason);
        }
    }

    static byte[] encode(String parserVersion, Map<String, CachedQuery> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * 1024);
        try {
            write(bytes, parserVersion, entries);
        }
        catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Streams the file to {@code out} (left open), its checksum computed on the way: a large
     * project's cache is tens of megabytes, never copied whole in memory.
     */
    static void write(OutputStream out, String parserVersion, Map<String, CachedQuery> entries) throws IOException {
        out.write(MAGIC);
        CRC32C crc = new CRC32C();
        DataOutputStream body = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(out, crc), 1 << 16));
        body.writeInt(FORMAT);
        writeString(body, parserVersion);
        body.writeInt(entries.size());
        for (Map.Entry<String, CachedQuery> entry : entries.entrySet()) {
            writeString(body, entry.getKey());
            writeEntry(body, entry.getValue());
        }
        body.flush();
        new DataOutputStream(out).writeLong(crc.getValue());
        out.flush();
    }

    static Map<String, CachedQuery> decode(byte[] file, String parserVersion) throws Unusable {
        ByteBuffer in = ByteBuffer.wrap(file);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new Unusable("not a Veneer query cache file");
            }
            if (file.length < MAGIC.length + Long.BYTES) {
                throw new Unusable("truncated");
            }
            CRC32C crc = new CRC32C();
            crc.update(file, MAGIC.length, file.length - MAGIC.length - Long.BYTES);
            if (crc.getValue() != ByteBuffer.wrap(file, file.length - Long.BYTES, Long.BYTES).getLong()) {
                throw new Unusable("checksum mismatch (truncated or damaged)");
            }
            int format = in.getInt();
            if (format != FORMAT) {
                throw new Unusable("written in cache format " + format + ", this Veneer reads format " + FORMAT);
            }
            String version = readString(in);
            if (!version.equals(parserVersion)) {
                throw new Unusable("written by another parser version");
            }
            int count = in.getInt();
            Map<String, CachedQuery> entries = new HashMap<>(Math.max(16, count * 4 / 3 + 1));
            for (int i = 0; i < count; i++) {
                entries.put(readString(in), readEntry(in));
            }
            if (in.remaining() != Long.BYTES) {
                throw new Unusable(in.remaining() - Long.BYTES + " unexpected bytes after the last entry");
            }
            return entries;
        }
        catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
            throw new Unusable("malformed entry: " + e);
        }
    }

    private static void writeEntry(DataOutputStream out, CachedQuery query) throws IOException {
        out.writeInt(query.firstLine());
        out.writeInt(query.firstColumn());
        out.writeInt(query.textLength());
        writeString(out, query.canonicalText());
        out.writeInt(query.references().size());
        for (TableReference reference : query.references()) {
            out.writeInt(reference.nameParts().size());
            for (String part : reference.nameParts()) {
                writeString(out, part);
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
            writeString(out, macro.name());
        }
    }

    private static CachedQuery readEntry(ByteBuffer in) {
        int firstLine = in.getInt();
        int firstColumn = in.getInt();
        int textLength = in.getInt();
        String canonical = readString(in);
        int referenceCount = count(in);
        List<TableReference> references = new ArrayList<>(referenceCount);
        for (int i = 0; i < referenceCount; i++) {
            int partCount = count(in);
            List<String> parts = new ArrayList<>(partCount);
            for (int p = 0; p < partCount; p++) {
                parts.add(readString(in));
            }
            references.add(new TableReference(parts, in.getInt(), in.getInt(), in.getInt(), in.getInt()));
        }
        OutermostSelect select = null;
        if (readBoolean(in)) {
            boolean distinct = readBoolean(in);
            boolean aggregating = readBoolean(in);
            int projectionCount = count(in);
            List<OutermostSelect.Projection> projections = new ArrayList<>(projectionCount);
            for (int i = 0; i < projectionCount; i++) {
                projections.add(new OutermostSelect.Projection(in.getInt(), in.getInt(), readBoolean(in), readBoolean(in)));
            }
            select = new OutermostSelect(projections, distinct, aggregating);
        }
        int macroCount = count(in);
        List<MacroSpan> macros = new ArrayList<>(macroCount);
        for (int i = 0; i < macroCount; i++) {
            macros.add(new MacroSpan(in.getInt(), in.getInt(), readString(in)));
        }
        return new CachedQuery(firstLine, firstColumn, textLength, canonical, references, select, macros);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(ByteBuffer in) {
        int length = count(in);
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    private static int count(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("count " + count + " with " + in.remaining() + " bytes left");
        }
        return count;
    }

    private static boolean readBoolean(ByteBuffer in) {
        byte value = in.get();
        if (value != 0 && value != 1) {
            throw new IllegalArgumentException("boolean byte " + value);
        }
        return value == 1;
    }
}
