package dev.veneer.planner.sql;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Strings and counts as Veneer's cache files write them: a length, then UTF-8 bytes. Reading never
 * trusts a length: a damaged one fails the read (and the cache is rebuilt) instead of allocating
 * what it says.
 */
public final class CacheRecords {
    private CacheRecords() {}

    public static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** @throws BufferUnderflowException or IllegalArgumentException when the buffer does not hold a whole string */
    public static String readString(ByteBuffer in) {
        int length = count(in);
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    /** A count of items or bytes that follow: never more than the bytes left. */
    public static int count(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("count " + count + " with " + in.remaining() + " bytes left");
        }
        return count;
    }
}
