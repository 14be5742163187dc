/**
 * JUnit 5 support: {@link io.querylens.junit.QueryLensExtension} (or the {@link io.querylens.junit.QueryLensTest}
 * meta-annotation) fails a test whose body caused an N+1 and checks statement budgets
 * ({@link io.querylens.junit.ExpectSelects}, {@link io.querylens.junit.ExpectMaxSelects},
 * {@link io.querylens.junit.ExpectInserts}, {@link io.querylens.junit.ExpectUpdates},
 * {@link io.querylens.junit.ExpectDeletes}); {@link io.querylens.junit.QueryLensAssertions} and
 * {@link io.querylens.junit.QueryRecording} do the same from code.
 *
 * <p>JUnit Jupiter's API is an optional dependency of the driver: this package is usable only when the application's
 * tests have it, and nothing else in the driver touches it.
 *
 * <p>What a test is charged with: statements on the test's own thread run in a unit of work named after the test;
 * statements on other threads (an embedded server answering the test's request, an executor) count in their own units,
 * which are flushed when the body ends, and their findings fail the test too. Statement counts are JVM-wide
 * before/after snapshots. JUnit runs tests one at a time by default, which makes both exact. With
 * {@code junit.jupiter.execution.parallel.enabled=true}, tests annotated {@link io.querylens.junit.QueryLensTest}
 * still never overlap each other (a shared {@code @ResourceLock}); other tests running beside them would be counted
 * in their budgets and could have their other-thread findings charged to them.
 */
package io.querylens.junit;
