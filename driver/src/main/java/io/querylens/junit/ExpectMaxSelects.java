package io.querylens.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * With {@link QueryLensExtension}: the test fails unless its body (on any thread) executed at most this many SELECT statements. An
 * {@code executeBatch} counts as one execution.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ExpectMaxSelects {
    long value();
}
