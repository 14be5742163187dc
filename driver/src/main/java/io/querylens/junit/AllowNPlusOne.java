package io.querylens.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** With {@link QueryLensExtension}: an N+1 in this test (or class) does not fail it. Budgets still apply. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AllowNPlusOne {
    /** Why it is accepted, for the reader. */
    String value() default "";
}
