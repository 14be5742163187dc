package io.querylens.driver.recording;

import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every shape this JVM has executed, bounded. Once {@code maxShapes} are tracked, new shapes are folded into one
 * {@link #OTHER_SHAPE} entry and counted in {@link #foldedShapes()}: memory stays bounded whatever the application
 * sends (100k distinct literal-laden texts, for one), and the fold is visible rather than silent.
 *
 * <p>Thread-safe. {@link #statsFor} is called at prepare time (or on a shape-cache miss), not per execution: a
 * prepared statement keeps the {@link ShapeStats} it got.
 */
public final class ShapeRegistry {
    public static final QueryShape OTHER_SHAPE =
            new QueryShape(0L, "(other shapes, folded after querylens.shapes.max)", StatementKind.OTHER, null);

    private final int maxShapes;
    private final ConcurrentHashMap<Long, ShapeStats> byId = new ConcurrentHashMap<>();
    /** Every shape's latencies pass through it (see {@link LatencyLog}): one per registry, so one per engine. */
    private final LatencyLog latencies = new LatencyLog();
    private final ShapeStats other = new ShapeStats(OTHER_SHAPE, latencies);
    private final AtomicLong foldedShapes = new AtomicLong();
    private final AtomicInteger reserved = new AtomicInteger();
    private final Runnable firstFold;

    public ShapeRegistry(int maxShapes) {
        this(maxShapes, () -> { });
    }

    /** {@code firstFold} runs once, on the thread whose shape is the first one folded into 'other'. */
    public ShapeRegistry(int maxShapes, Runnable firstFold) {
        this.maxShapes = maxShapes;
        this.firstFold = firstFold;
    }

    /**
     * Returns the shape's stats, creating them when new. A statement with {@code querylens:allow} comments gets a view
     * of the same stats that carries its own shape (see {@link ShapeStats#forStatement}); the registry itself holds
     * and lists only comment-free shapes, so each id appears once.
     */
    public ShapeStats statsFor(QueryShape shape) {
        ShapeStats stats = byId.get(shape.id());
        if (stats == null) {
            if (!reserveSlot()) {
                if (foldedShapes.incrementAndGet() == 1) {
                    try {
                        firstFold.run();
                    } catch (Throwable ignored) {
                        // Runs on an application thread: a failing warning must not become the application's problem.
                    }
                }
                return other;
            }
            ShapeStats fresh = new ShapeStats(shape.withoutAllowedKinds(), latencies);
            ShapeStats raced = byId.putIfAbsent(shape.id(), fresh);
            if (raced != null) {
                reserved.decrementAndGet();
                stats = raced;
            } else {
                stats = fresh;
            }
        }
        return shape.hasAllowedKinds() ? stats.forStatement(shape) : stats;
    }

    /**
     * Claims room for one more shape. A size check before {@code putIfAbsent} let threads that saw a new shape at the
     * same moment overshoot the bound by one each (the 100k-shapes load test caught 2,001 of 2,000); counting claims
     * first keeps it exact. Runs only for shapes not seen before, never per execution.
     */
    private boolean reserveSlot() {
        while (true) {
            int taken = reserved.get();
            if (taken >= maxShapes) {
                return false;
            }
            if (reserved.compareAndSet(taken, taken + 1)) {
                return true;
            }
        }
    }

    /** Stats of one shape by id, or null. */
    public ShapeStats find(long shapeId) {
        return shapeId == 0L ? other : byId.get(shapeId);
    }

    /** All tracked shapes, plus the 'other' entry when anything was folded into it. */
    public List<ShapeStats> all() {
        List<ShapeStats> all = new ArrayList<>(byId.values());
        if (foldedShapes.get() > 0) {
            all.add(other);
        }
        return all;
    }

    public int size() {
        return byId.size();
    }

    /** How many times a new shape arrived after the registry was full and was counted under 'other'. */
    public long foldedShapes() {
        return foldedShapes.get();
    }
}
