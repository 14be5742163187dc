/**
 * N+1 and repeated-query detection.
 *
 * <h2>What is reported</h2>
 * <ul>
 *   <li>{@code n_plus_one}: inside one unit of work, one SELECT shape executed at least
 *       {@code querylens.nplusone.threshold} times (default 5) from one call site, with at least two different sets of
 *       bind values (compared by the 64-bit bind hash the wrappers compute; values are never stored), after a different
 *       "parent" statement (the "1"). The finding carries the repeated shape, the count, the parent shape
 *       ({@code details.parentSql}, {@code details.parentFingerprint}), the table and the columns of the repeated
 *       predicate, the call site (first frame outside JDBC drivers, pools, ORMs, proxies and QueryLens; extend the
 *       skipped prefixes with {@code querylens.callSite.skipPrefixes}) and a suggestion: JOIN or {@code IN (...)} for
 *       plain JDBC; JOIN FETCH, an entity graph or batch fetching when {@code org.hibernate.} frames were on the stack
 *       ({@code details.orm}).</li>
 *   <li>{@code repeated_query}: the same shape with the same binds every time, at least the threshold times in one
 *       unit: a caching or hoisting opportunity.</li>
 * </ul>
 * A loop of lookups with no parent statement in the unit (values the code already had) is not reported as an N+1. A
 * plain {@code Statement} has no bind hash: when its shape has placeholders (literals the fingerprinter replaced) the
 * values are unknown and assumed to differ.
 *
 * <h2>Never an N+1</h2>
 * {@code addBatch/executeBatch} (a batch is one execution), one {@code IN (...)} query (one execution), writes
 * (INSERT, UPDATE, DELETE, multi-row inserts: only SELECTs are counted; a separate {@code unbatched_writes} finding was
 * judged not worth its noise yet), paged reads (a shape with LIMIT, OFFSET or FETCH: each page is a different range of
 * one scan, computed from the shape text until {@code QueryShape.paged()} exists), and failed executions. The same
 * shape from different call sites counts per call site.
 *
 * <h2>Units of work, in this order</h2>
 * <ol>
 *   <li>An explicit {@link io.querylens.driver.detect.nplusone.UnitOfWork} the application opens:
 *       {@code try (var work = QueryLens.unitOfWork("checkout")) { … }}. Reported when it closes. It follows work to
 *       other threads through {@code UnitOfWork.wrap(Runnable|Callable)} or {@code attach()}; counts from all threads
 *       merge in one lock-free table.</li>
 *   <li>The current OpenTelemetry trace, when the OpenTelemetry API is on the class path (looked up once by name; the
 *       detector works without it) and a valid span is current. The API has no "local root span" accessor, so the
 *       unit is keyed by trace id, which within one process is the request; threads that carry the context (the
 *       OpenTelemetry {@code Context.wrap} executors, the javaagent) count into the same unit. A trace unit ends after
 *       {@code querylens.nplusone.idleMillis} without a statement. When a count crosses the threshold the current
 *       span gets a {@code querylens.n_plus_one} event with the fingerprint, SQL, count and call site.</li>
 *   <li>A database transaction (autocommit off) on the connection, from its first statement to commit or rollback
 *       ({@code Detector.onTransactionEnd}, {@code ConnectionContext.transactionSequence}); reported at commit.</li>
 *   <li>Otherwise a per-thread window that ends after {@code querylens.nplusone.idleMillis} (default 100 ms) without
 *       a statement on that thread: at the thread's next statement, or by the detector's sweeper daemon.</li>
 * </ol>
 *
 * <h2>Cost per execution</h2>
 * One {@code ThreadLocal} lookup, a probe into the unit's table (open addressing over primitive and atomic arrays,
 * {@code querylens.nplusone.maxShapesPerUnit} slots, fixed at construction), a few atomic increments; no lock and, in
 * steady state, no allocation (per-thread windows are reused, trace windows are preallocated; an explicit unit
 * allocates its table once). The stack is walked only for shapes that already crossed the threshold in the unit:
 * <ul>
 *   <li>the executions before the crossing are counted per shape, and attributed to the call site seen at the
 *       crossing;</li>
 *   <li>from the crossing on, each execution of that shape walks the stack (a few microseconds, bounded by 256 walks
 *       per unit) so that the same shape from another call site is counted apart;</li>
 *   <li>once 16 walks in a row found the same call site (a loop from one place), only one execution in 8 walks, then
 *       one in 16, 32, and so on up to 1,024 as further walks confirm it, and a thread's sampled walks at least 1 ms
 *       apart (a hot loop spends at most ~1-2% of its time walking); at one in 1,024 also a thousand times the last
 *       walk's cost apart, at most a second (a walk costs 5-20 µs while the JVM's frame metadata is cached, 100-300
 *       µs between statements on a real database, so walking stays under a thousandth of the thread's time); the
 *       others count at that site. A walk that finds another site starts walking every execution again, so the first
 *       executions of a second loop right after a long first one (fewer than the interval reached, at most 1,023, or
 *       a millisecond's worth, or at one in 1,024 a thousand walks' worth) may count at the first;</li>
 *   <li>a loop the thread ran steadily in its previous window (transaction, request, idle window) resumes that
 *       sampling in the next one when the crossing finds it at the same call site: a loop that runs in every request
 *       walks once at the crossing and then at most one execution in 64, its sampled walks a thousand times the
 *       thread's last walk's cost apart from the start (the thread confirmed the site before), not 16 times in a row
 *       and a new ramp again. A second loop of the shape from elsewhere later in such a window may count at the
 *       first one's site for up to a thousand walks' worth of time.</li>
 * </ul>
 * The trade-off: two call sites that each stay below the threshold but together exceed it are reported once, at the
 * call site that made the crossing. Walking every statement would be exact but costs microseconds per statement;
 * walking only repetitive shapes keeps the common path at tens of nanoseconds and is exact whenever each call site on
 * its own crosses the threshold, which is the case that matters.
 *
 * <h2>Accepting known cases</h2>
 * By fingerprint ({@code querylens.nplusone.allowShapes}), by call-site prefix ({@code
 * querylens.nplusone.allowCallSites}), by a {@code querylens:allow n_plus_one} comment in the SQL, or in code with
 * {@code QueryLens.allow(...)} (a thread scope, or {@code .forShape}/{@code .forCallSite} JVM-wide rules; see
 * {@link io.querylens.driver.detect.nplusone.Allowance}). Accepted cases are counted
 * ({@link io.querylens.driver.detect.nplusone.NPlusOneDetector#suppressed}) and not reported.
 */
package io.querylens.driver.detect.nplusone;
