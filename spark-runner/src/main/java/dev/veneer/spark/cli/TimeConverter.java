package dev.veneer.spark.cli;

import dev.veneer.planner.project.TimeLiterals;
import java.time.Instant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --execution-time}, {@code --start}, {@code --end}: a UTC date or time as users write it. */
final class TimeConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        return TimeLiterals.parse(value).orElseThrow(() -> new TypeConversionException(
                "'" + value + "' is not a time; write a UTC date such as 2024-01-01 or a time such as '2024-01-01 06:00:00'"));
    }
}
