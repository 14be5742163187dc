package io.querylens.junit;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Registers {@link QueryLensExtension} on a test class or method: the test fails when its body caused an N+1, and
 * {@link ExpectSelects}-style budgets are checked. Statement counts are JVM-wide, so tests carrying this annotation
 * share one {@link ResourceLock}: with JUnit's parallel execution switched on they still run one at a time (other
 * tests may run beside them; their statements would be counted too).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(QueryLensExtension.class)
@ResourceLock(QueryLensExtension.STATEMENTS_LOCK)
public @interface QueryLensTest {
}
