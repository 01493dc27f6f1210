package dev.veneer.examples.generator;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Random;

/**
 * Which kinds generated models get, by weight. The planner supports {@code FULL} and {@code VIEW}
 * today; when it supports more, add them here with their header arguments, e.g.
 * {@code new Share("INCREMENTAL_BY_TIME_RANGE (time_column event_date)", 20)}, and nothing else
 * in the generator changes.
 */
record KindMix(List<Share> shares) {
    /** Staging models: mostly tables, a few views. */
    static final KindMix STAGING = new KindMix(List.of(new Share("VIEW", 10), new Share("FULL", 90)));
    /** Models above staging. */
    static final KindMix MODELS = new KindMix(List.of(new Share("VIEW", 15), new Share("FULL", 85)));

    /** @param kind what follows {@code kind} in the model header */
    record Share(String kind, int weight) {
        Share {
            requireNonNull(kind, "kind is null");
            if (weight <= 0) {
                throw new IllegalArgumentException("weight of " + kind + " must be positive, got " + weight);
            }
        }

        boolean isView() {
            return kind.equals("VIEW");
        }
    }

    KindMix {
        shares = List.copyOf(shares);
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("a kind mix needs at least one kind");
        }
    }

    /** One kind, drawn with one {@code nextInt} of {@code random}. */
    Share pick(Random random) {
        int total = shares.stream().mapToInt(Share::weight).sum();
        int roll = random.nextInt(total);
        for (Share share : shares) {
            roll -= share.weight();
            if (roll < 0) {
                return share;
            }
        }
        throw new IllegalStateException("unreachable: roll beyond the total weight");
    }
}
