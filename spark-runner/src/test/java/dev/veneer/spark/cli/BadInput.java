package dev.veneer.spark.cli;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One case of the bad-input corpus ({@link BadInputCorpus}): how to spoil the deployed shop project,
 * which command to run, and what the user must be told. Every case must also leave state, tables and
 * views as they were; {@link BadInputCorpusTest} checks that for all of them.
 */
record BadInput(String name, List<Consumer<ShopProject>> setup, Function<ShopProject, String[]> command,
        List<Consumer<ShopProject>> teardown, int exitCode, List<String> says) {
    BadInput {
        requireNonNull(name, "name is null");
        setup = List.copyOf(setup);
        teardown = List.copyOf(teardown);
        says = List.copyOf(says);
    }

    static Builder bad(String name) {
        return new Builder(name);
    }

    @Override
    public String toString() {
        return name;
    }

    static final class Builder {
        private final String name;
        private final List<Consumer<ShopProject>> setup = new ArrayList<>();
        private final List<Consumer<ShopProject>> teardown = new ArrayList<>();
        private Function<ShopProject, String[]> command;
        private int exitCode = 1;

        private Builder(String name) {
            this.name = name;
        }

        /** Replaces text in a project file. */
        Builder edit(String file, String from, String to) {
            setup.add(shop -> shop.edit(file, from, to));
            return this;
        }

        /** Writes a project file. */
        Builder write(String file, String content) {
            setup.add(shop -> shop.write(file, content));
            return this;
        }

        Builder setup(Consumer<ShopProject> step) {
            setup.add(step);
            return this;
        }

        /** Undoes what the setup did outside the project folder (metastore, other files). */
        Builder teardown(Consumer<ShopProject> step) {
            teardown.add(step);
            return this;
        }

        Builder run(String... args) {
            command = shop -> args;
            return this;
        }

        Builder run(Function<ShopProject, String[]> args) {
            command = args;
            return this;
        }

        Builder exits(int code) {
            exitCode = code;
            return this;
        }

        /** The fragments stderr must contain: what is wrong, where, and what to do. */
        BadInput says(String... fragments) {
            return new BadInput(name, setup, requireNonNull(command, "run(...) first"), teardown, exitCode, List.of(fragments));
        }
    }
}
