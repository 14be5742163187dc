package io.querylens.driver.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each case of a subclass on every (target, access path) pair twice, raw and through QueryLens, and fails when
 * the two observations differ, in the manner of pgjdbc's {@code BaseTest4} mode matrix and OpenTelemetry's shared
 * JDBC suite. A case that does not hold even on the raw driver fails too: it would otherwise prove nothing.
 *
 * <p>Servers come from the test kit and start once per JVM. Runs are sequential (JUnit's default), and each case
 * recreates the tables it uses, so the raw and the lens run start from the same state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DifferentialSuite {
    /** {@code -Dquerylens.behaviour.print=true} prints every raw observation, to review what a case really checks. */
    private static final String PRINT_PROPERTY = "querylens.behaviour.print";

    /** The cases this suite runs; each is a function of a connection. */
    abstract List<BehaviourCase> cases();

    Stream<Arguments> matrix() {
        List<Arguments> combinations = new ArrayList<>();
        for (Target target : Target.values()) {
            for (AccessPath path : AccessPath.values()) {
                for (BehaviourCase behaviourCase : cases()) {
                    combinations.add(Arguments.of(target, path, behaviourCase));
                }
            }
        }
        return combinations.stream();
    }

    @ParameterizedTest(name = "{0}, {1}: {2}")
    @MethodSource("matrix")
    void queryLensIsInvisibleToTheApplication(Target target, AccessPath path, BehaviourCase behaviourCase) {
        Observation raw = run(path.raw(target), target, behaviourCase);
        Observation lens = run(path.lens(target), target, behaviourCase);

        String where = target + ", " + path + ": " + behaviourCase + "\n";
        if (Boolean.getBoolean(PRINT_PROPERTY)) {
            System.out.println(where + String.join("\n", raw.lines()) + "\n");
        }
        assertEquals(List.of(), raw.unmetExpectations(),
                () -> where + "the case does not hold on the raw driver, so it cannot judge QueryLens:\n"
                        + String.join("\n", raw.lines()));
        String difference = ObservationDiff.describe(raw, lens);
        if (difference != null) {
            fail(where + difference);
        }
    }

    private static Observation run(AccessPath.Source source, Target target, BehaviourCase behaviourCase) {
        Observation seen = new Observation();
        Connection connection;
        try {
            connection = source.open();
        } catch (Exception e) {
            seen.failure("open", e);
            seen.expect("a connection opens", false);
            return seen;
        }
        try {
            behaviourCase.body().observe(connection, target, seen);
        } catch (Exception e) {
            seen.failure("case stopped early", e);
            seen.expect("the case runs to its end", false);
        } finally {
            seen.attempt("close", connection::close);
        }
        return seen;
    }
}
