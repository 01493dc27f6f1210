package dev.veneer.spark.docs;

import java.util.List;
import java.util.Optional;

/** A set of pages by path ({@code models/x.html}), each rendered on demand: written to disk or served. */
public interface Site {
    /** Every path of the site, assets included. */
    List<String> paths();

    /** The content at {@code path}, or empty if the site has no such page. */
    Optional<byte[]> content(String path);
}
