package io.querylens.junit;

import io.querylens.driver.detect.nplusone.StatementCounts;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Fails a test whose body caused an N+1 (unless {@link AllowNPlusOne}), or broke an {@link ExpectSelects},
 * {@link ExpectMaxSelects}, {@link ExpectInserts}, {@link ExpectUpdates} or {@link ExpectDeletes} budget. Register it
 * with {@code @ExtendWith(QueryLensExtension.class)} or {@link QueryLensTest}.
 *
 * <p>The test body runs inside a {@link QueryRecording}: statements on the test's thread count in a unit of work named
 * after the test; statements on other threads (a server handling the test's request) count in their own units, which
 * are flushed when the body ends. Statement counts are JVM-wide snapshots taken before and after the body: with
 * JUnit's parallel execution on, tests running at the same time are counted together; {@link QueryLensTest} holds a
 * shared resource lock so that such tests do not overlap each other. Lifecycle methods ({@code @BeforeEach}) are not
 * counted.
 */
public final class QueryLensExtension implements BeforeTestExecutionCallback, AfterTestExecutionCallback {
    /** The {@code @ResourceLock} key shared by every QueryLens-counted test. */
    public static final String STATEMENTS_LOCK = "io.querylens.statements";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(QueryLensExtension.class);

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        context.getStore(NAMESPACE).put(context.getUniqueId(), QueryRecording.start("test " + describe(context)));
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        QueryRecording recording = context.getStore(NAMESPACE).remove(context.getUniqueId(), QueryRecording.class);
        if (recording == null) {
            return;
        }
        recording.stop();
        String where = describe(context);
        List<String> failures = new ArrayList<>();
        if (find(context, AllowNPlusOne.class).isEmpty() && !recording.nPlusOnes().isEmpty()) {
            failures.add(FailureMessages.nPlusOne(where, recording.nPlusOnes()));
        }
        StatementCounts counts = recording.counts();
        exact(context, ExpectSelects.class, ExpectSelects::value, "SELECT statements", counts.selects(), where, failures);
        exact(context, ExpectInserts.class, ExpectInserts::value, "INSERT statements", counts.inserts(), where, failures);
        exact(context, ExpectUpdates.class, ExpectUpdates::value, "UPDATE statements", counts.updates(), where, failures);
        exact(context, ExpectDeletes.class, ExpectDeletes::value, "DELETE statements", counts.deletes(), where, failures);
        find(context, ExpectMaxSelects.class).ifPresent(max -> {
            if (counts.selects() > max.value()) {
                failures.add(FailureMessages.budget(where, "SELECT statements", "at most ", max.value(),
                        counts.selects()));
            }
        });
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
    }

    private static <A extends Annotation> void exact(ExtensionContext context, Class<A> type, ToLongFunction<A> value,
                                                     String kind, long actual, String where, List<String> failures) {
        find(context, type).ifPresent(budget -> {
            long expected = value.applyAsLong(budget);
            if (actual != expected) {
                failures.add(FailureMessages.budget(where, kind, "", expected, actual));
            }
        });
    }

    /** The annotation on the test method, else on its class (or an enclosing class). */
    private static <A extends Annotation> Optional<A> find(ExtensionContext context, Class<A> type) {
        Optional<A> onMethod = context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, type));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Optional<Class<?>> c = context.getTestClass(); c.isPresent(); c = c.map(Class::getEnclosingClass)
                .filter(e -> e != null)) {
            Optional<A> onClass = AnnotationSupport.findAnnotation(c.get(), type);
            if (onClass.isPresent()) {
                return onClass;
            }
        }
        return Optional.empty();
    }

    private static String describe(ExtensionContext context) {
        String method = context.getTestMethod().map(m -> m.getName() + "()").orElse(context.getDisplayName());
        return context.getTestClass().map(c -> c.getSimpleName() + "." + method).orElse(method);
    }
}
