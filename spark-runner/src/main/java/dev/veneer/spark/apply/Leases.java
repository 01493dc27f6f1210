package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.Lease;
import dev.veneer.catalog.state.StateStore;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's write leases on physical tables (DESIGN.md rule 6): taken before a table's batches
 * are computed, renewed by a heartbeat while they run, given up when done. A lease another live
 * process holds is waited for, up to a bound; one whose holder crashed expires after its ttl.
 *
 * <p>Settings for tests and operators: {@code veneer.lease.ttl} and {@code veneer.lease.wait}
 * (ISO-8601 durations, e.g. {@code PT5S}) as system properties.
 */
public final class Leases implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Leases.class);
    static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofMillis(500);

    private final StateStore state;
    private final String owner;
    private final Duration ttl;
    private final Duration wait;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat;

    public Leases(StateStore state) {
        this(state, setting("veneer.lease.ttl", DEFAULT_TTL), setting("veneer.lease.wait", DEFAULT_WAIT));
    }

    Leases(StateStore state, Duration ttl, Duration wait) {
        this.state = requireNonNull(state, "state is null");
        this.ttl = requireNonNull(ttl, "ttl is null");
        this.wait = requireNonNull(wait, "wait is null");
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "veneer-lease-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, ttl.toMillis() / 3);
        heartbeat.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    public String owner() {
        return owner;
    }

    /**
     * Takes the lease on {@code physicalTable}, waiting while another live process holds it.
     *
     * @param waiting told once, with the holder, when this call has to wait
     * @throws VeneerException {@code LEASE_HELD} when the holder keeps it longer than the wait bound
     */
    void acquire(String physicalTable, Consumer<Lease> waiting) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean told = false;
        while (!state.tryAcquireLease(physicalTable, owner, ttl)) {
            Optional<Lease> holder = state.lease(physicalTable);
            if (!told && holder.isPresent()) {
                waiting.accept(holder.get());
                told = true;
            }
            if (System.nanoTime() > deadline) {
                throw new VeneerException(ErrorCode.LEASE_HELD, physicalTable + " is being written by " + holder.map(Lease::owner)
                        .orElse("another process") + " for longer than " + wait.toSeconds() + " s; wait for it to finish and"
                        + " run again (a crashed process's lease expires after " + ttl.toSeconds() + " s)");
            }
            Thread.sleep(POLL.toMillis());
        }
        held.add(physicalTable);
    }

    void release(String physicalTable) {
        held.remove(physicalTable);
        try {
            state.releaseLease(physicalTable, owner);
        }
        catch (RuntimeException e) {
            // the lease expires on its own; the data is already recorded
            log.warn("could not release the lease on {}: {}", physicalTable, e.getMessage());
        }
    }

    private void renew() {
        if (held.isEmpty()) {
            return;
        }
        try {
            state.renewLeases(Set.copyOf(held), owner, ttl);
        }
        catch (RuntimeException e) {
            log.warn("could not renew write leases: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        Set.copyOf(held).forEach(this::release);
    }

    private static Duration setting(String name, Duration fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Duration.parse(value.trim());
    }
}
