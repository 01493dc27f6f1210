package dev.veneer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.spark.session.EmbeddedSparkSession;
import dev.veneer.spark.testing.SharedClassData;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Another JVM, started the way a cluster starts Veneer: Spark, Delta and Iceberg from this test's
 * classpath, none of Veneer's classes nor its own libraries except what is named (the runner jar).
 * Its "cluster" folder holds the Derby metastore and warehouses, so JVMs run one after another over it.
 */
final class ChildJvm {
    record Result(int exitCode, String output) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + output;
        }
    }

    private ChildJvm() {}

    static Path runnerJar() {
        Path jar = Path.of(System.getProperty("veneer.runner.jar"));
        assertThat(jar).as("the spark-submit jar is built by spark-runner's package phase").isRegularFile();
        return jar;
    }

    /** The cluster's Spark settings: the embedded lakehouse over {@code cluster}, plus {@code extra}. */
    static Map<String, String> sparkConf(Path cluster, Map<String, String> extra) {
        Map<String, String> conf = new TreeMap<>(EmbeddedSparkSession.configuration(cluster, "lake", Map.of()));
        conf.remove("spark.master");
        conf.putAll(extra);
        return conf;
    }

    /** {@code java ... org.apache.spark.deploy.SparkSubmit --master local[2] [submitArgs] --class VeneerCli runner.jar appArgs}. */
    static Result sparkSubmit(Path cluster, Map<String, String> conf, List<String> submitArgs, String... appArgs) {
        List<String> command = java(cluster, sparkOnlyClasspath());
        command.add("org.apache.spark.deploy.SparkSubmit");
        command.addAll(List.of("--master", "local[2]", "--class", "dev.veneer.spark.cli.VeneerCli"));
        command.addAll(submitArgs);
        conf.forEach((key, value) -> command.addAll(List.of("--conf", key + "=" + value)));
        command.add(runnerJar().toString());
        command.addAll(List.of(appArgs));
        return run(command);
    }

    /** {@code java -cp <Spark>:<runner jar>:<extra> -Dspark.k=v ... mainClass args}: a notebook's JVM. */
    static Result java(Path cluster, Map<String, String> conf, List<Path> extraClasspath, Class<?> mainClass, String... args) {
        String classpath = Stream.concat(Stream.of(sparkOnlyClasspath(), runnerJar().toString()), extraClasspath.stream().map(Path::toString))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = java(cluster, classpath);
        // SparkConf reads spark.* system properties, as a notebook's cluster passes its spark-defaults
        command.addAll(1, conf.entrySet().stream().map(entry -> "-D" + entry.getKey() + "=" + entry.getValue()).toList());
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return run(command);
    }

    private static List<String> java(Path cluster, String classpath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(SparkJvmFlags.SPARK_OPENS));
        // C1 only: these JVMs live seconds, and the full JIT doubles their CPU on a small machine
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dderby.system.home=" + cluster);
        command.add("-Dlog4j2.configurationFile=" + Path.of("..", "conf", "log4j2.properties").toAbsolutePath());
        command.add("-cp");
        command.add(classpath);
        return command;
    }

    private static Result run(List<String> command) {
        try {
            Process process = SharedClassData.start(new ProcessBuilder(command).redirectErrorStream(true));
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(output).isTrue();
            System.err.println(output);
            return new Result(process.exitValue(), output);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Spark, Delta, Iceberg and their dependencies: none of Veneer's classes nor its own libraries. */
    static String sparkOnlyClasspath() {
        List<String> ours = List.of("/target/classes", "/target/test-classes", "/dev/veneer/", "/veneer-", "/conf",
                "/info/picocli/", "/org/flywaydb/", "/org/xerial/sqlite-jdbc/", "/io/github/java-diff-utils/", "/io/trino/tpch/", "/org/postgresql/");
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> ours.stream().noneMatch(entry.replace('\\', '/')::contains))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
