package dev.veneer.examples.generator;

/**
 * What the generator needs to know of a column's type to write expressions Spark accepts over it.
 * Numbers are one class: every expression the generator writes over a number works on int, bigint,
 * double and decimal alike.
 */
enum ColumnType {
    /** An entity key ({@code bigint}): joins, group keys, partitions. */
    KEY,
    NUMBER,
    STRING,
    DATE,
    TIMESTAMP,
    BOOLEAN;

    boolean isTemporal() {
        return this == DATE || this == TIMESTAMP;
    }
}
