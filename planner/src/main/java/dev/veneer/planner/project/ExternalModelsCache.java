package dev.veneer.planner.project;

import dev.veneer.catalog.ModelName;
import dev.veneer.planner.sql.CacheRecords;
import dev.veneer.planner.sql.QueryCache;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * {@code external_models.yaml} as last read, beside the query cache: a warehouse's file lists
 * thousands of tables, and parsing that YAML again is a tenth of a warm plan's CPU. An entry is
 * used only for the very bytes it was made from (their length and 128-bit MurmurHash3), by the
 * code that made it ({@link QueryCache#codeVersion()}), and only when it decodes whole with its
 * CRC-32C; anything else is ignored, the YAML read and the file written again.
 */
final class ExternalModelsCache {
    static final String FILE_NAME = "externals.bin";
    private static final long MAGIC = 0x564e_5845_5854_0001L; // "VNXEXT", format 1

    private ExternalModelsCache() {}

    /** The models cached for exactly {@code yaml}, if the cache file in {@code folder} holds them. */
    static Optional<List<ExternalModel>> read(Path folder, byte[] yaml) {
        byte[] file;
        try {
            file = Files.readAllBytes(folder.resolve(FILE_NAME));
        }
        catch (IOException e) {
            return Optional.empty();
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(file);
            long[] key = key(yaml);
            if (in.getLong() != MAGIC || in.getLong() != yaml.length || in.getLong() != key[0] || in.getLong() != key[1]
                    || !CacheRecords.readString(in).equals(QueryCache.codeVersion())) {
                return Optional.empty();
            }
            int crc = in.getInt();
            CRC32C check = new CRC32C();
            check.update(file, in.position(), file.length - in.position());
            if ((int) check.getValue() != crc) {
                return Optional.empty();
            }
            int count = CacheRecords.count(in);
            List<ExternalModel> models = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ModelName name = new ModelName(CacheRecords.readString(in), CacheRecords.readString(in));
                int columnCount = CacheRecords.count(in);
                Map<String, String> columns = new LinkedHashMap<>();
                for (int c = 0; c < columnCount; c++) {
                    columns.put(CacheRecords.readString(in), CacheRecords.readString(in));
                }
                models.add(new ExternalModel(name, columns));
            }
            return in.hasRemaining() ? Optional.empty() : Optional.of(models);
        }
        catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Keeps {@code models} as read from {@code yaml}; best effort: a plan works the same without it.
     * Written to a file of its own and moved into place, so a concurrent reader sees one whole file.
     */
    static void write(Path folder, byte[] yaml, List<ExternalModel> models) {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream(64 * models.size());
            DataOutputStream out = new DataOutputStream(body);
            out.writeInt(models.size());
            for (ExternalModel model : models) {
                CacheRecords.writeString(out, model.name().schema());
                CacheRecords.writeString(out, model.name().table());
                out.writeInt(model.columns().size());
                for (Map.Entry<String, String> column : model.columns().entrySet()) {
                    CacheRecords.writeString(out, column.getKey());
                    CacheRecords.writeString(out, column.getValue());
                }
            }
            byte[] payload = body.toByteArray();
            CRC32C crc = new CRC32C();
            crc.update(payload);
            long[] key = key(yaml);
            byte[] version = QueryCache.codeVersion().getBytes(StandardCharsets.UTF_8);
            ByteBuffer header = ByteBuffer.allocate(40 + version.length).putLong(MAGIC).putLong(yaml.length).putLong(key[0])
                    .putLong(key[1]).putInt(version.length).put(version).putInt((int) crc.getValue());
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, FILE_NAME, ".tmp");
            try {
                try (var file = Files.newOutputStream(temporary)) {
                    file.write(header.array());
                    file.write(payload);
                }
                Files.move(temporary, folder.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            finally {
                Files.deleteIfExists(temporary);
            }
        }
        catch (IOException | UnsupportedOperationException e) {
            // a read-only project folder: every plan reads the YAML
        }
    }

    private static long[] key(byte[] yaml) {
        return MurmurHash3.hash128x64(yaml);
    }
}
