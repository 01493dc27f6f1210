package dev.veneer.planner.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over length-prefixed parts, so that ("ab", "c") and ("a", "bc") never collide. */
public final class Hashing {
    private static final HexFormat HEX = HexFormat.of();
    /** One digest per thread, reset by each {@code digest()}: a plan takes hundreds of thousands of hashes. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Hashing::newDigest);

    private Hashing() {}

    public static String sha256(String... parts) {
        MessageDigest digest = DIGEST.get();
        digest.reset();
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) ':');
            digest.update(bytes);
        }
        return HEX.formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
