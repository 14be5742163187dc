package io.querylens.driver.detect.nplusone;

import com.example.shop.AnnotatedLookups;
import com.example.shop.ShopDatabase;
import io.querylens.QueryLens;
import io.querylens.driver.finding.Finding;
import io.querylens.testkit.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.stream.Stream;

import static io.querylens.driver.finding.FindingKind.N_PLUS_ONE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code querylens:allow} comment excuses the statement that carries it, through {@code jdbc:querylens:}, even when
 * the same shape (comments are not part of a shape) also runs without the comment elsewhere, before or after it.
 */
class AllowCommentThroughTheDriverTest {
    private static final String PLAIN = "select name from users where id = ?";
    private static final String ALLOWED = "/* querylens:allow n_plus_one */ select name from users where id = ?";

    static Stream<Arguments> databases() throws SQLException {
        return ShopDatabase.freshOnBothServers("nplusone_allow_comment").stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void commentedLoopIsSuppressedAfterThePlainOneWasReported(TestDatabase database) throws SQLException {
        NPlusOneDetector detector = Lens.fresh();
        loopInItsOwnUnit(database, PLAIN, 6);
        loopInItsOwnUnit(database, ALLOWED, 7);

        assertThat(Lens.findings(N_PLUS_ONE)).extracting(Finding::count).containsExactly(6L);
        assertThat(detector.suppressed(N_PLUS_ONE)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void plainLoopIsReportedAfterTheCommentedOneWasSuppressed(TestDatabase database) throws SQLException {
        NPlusOneDetector detector = Lens.fresh();
        loopInItsOwnUnit(database, ALLOWED, 7);
        loopInItsOwnUnit(database, PLAIN, 6);

        assertThat(Lens.findings(N_PLUS_ONE)).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(6);
            assertThat(f.sql()).isEqualTo(PLAIN);
        });
        assertThat(detector.suppressed(N_PLUS_ONE)).isEqualTo(1);
    }

    private static void loopInItsOwnUnit(TestDatabase database, String lookupSql, int orders) throws SQLException {
        try (var unit = QueryLens.unitOfWork("lookups");
             Connection connection = DriverManager.getConnection(database.querylensUrl(), database.user(),
                     database.password())) {
            new AnnotatedLookups(connection).ownerPerOrder(orders, lookupSql);
        }
    }
}
