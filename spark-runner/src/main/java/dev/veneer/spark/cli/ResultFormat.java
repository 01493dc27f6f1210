package dev.veneer.spark.cli;

enum ResultFormat {
    table,
    csv,
    json
}
