/**
 * JMH benchmarks of the planner on generated projects (module built only with {@code -Pbench}):
 * {@link dev.veneer.bench.ParseBenchmark}, {@link dev.veneer.bench.FingerprintBenchmark},
 * {@link dev.veneer.bench.CategorizeBenchmark} (a dev plan after one edit),
 * {@link dev.veneer.bench.LoadCompileBenchmark} (with and without the query cache), and
 * {@link dev.veneer.bench.PlanPhases}, the phases of one cold process.
 *
 * <p>Interval computation has no benchmark yet because the planner computes no intervals yet: when
 * the interval planner lands, add {@code IntervalBenchmark} in the shape of
 * {@code FingerprintBenchmark} — a generated project whose {@code KindMix} includes
 * {@code INCREMENTAL_BY_TIME_RANGE} models, state holding years of recorded intervals with gaps,
 * and the missing-interval computation of every model as the benchmark method.
 */
package dev.veneer.bench;
