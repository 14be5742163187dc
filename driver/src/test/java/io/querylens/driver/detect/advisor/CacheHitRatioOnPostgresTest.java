package io.querylens.driver.detect.advisor;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static io.querylens.driver.detect.advisor.AdvisorFixture.execute;
import static io.querylens.driver.detect.advisor.AdvisorFixture.findings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "Schema advisor": the cache hit ratio of table_health on a real PostgreSQL 17, in a database of its own so that
 * {@code pg_stat_database} counts only this test's work.
 */
class CacheHitRatioOnPostgresTest {

    @Test
    void aDatabaseReadingMostBlocksFromDiskIsCriticalAndGoodOnceItsWorkIsServedFromCache() throws Exception {
        TestDatabase database = TestDatabases.postgres().createDatabase("advisor_cache");
        long sharedBufferBytes;
        try (Connection admin = database.open(); Statement statement = admin.createStatement();
             ResultSet rs = statement.executeQuery(
                     "select setting::bigint * 8192 from pg_settings where name = 'shared_buffers'")) {
            rs.next();
            sharedBufferBytes = rs.getLong(1);
        }
        // Half of shared_buffers, written by CREATE TABLE AS (a bulk write through a 16 MB ring, so most of it leaves
        // the buffers) and scanned sequentially (over a quarter of shared_buffers: a 256 KB ring): nearly every block
        // a scan touches is a read, not a hit.
        long rows = sharedBufferBytes / 2 / 200;
        execute(database, "create table readings as select g::bigint as id, repeat('x', 150) as payload "
                + "from generate_series(1, " + rows + ") g");
        // Counters reach pg_stat_database when a backend goes idle, at most once a second: the same session forces it.
        execute(database, "select pg_stat_reset();\n"
                + "select count(*) from readings;\n"
                + "select count(*) from readings;\n"
                + "select pg_stat_force_next_flush()");
        new AdvisorFixture(database).applicationRuns("select payload from readings where id = ?");

        List<Finding> cold = cacheFindings(database);
        assertThat(cold).as("cache findings with %s; samples %s", blocks(database), warmSamples()).hasSize(1);
        Finding finding = cold.get(0);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat((Double) finding.details().get("ratio")).isLessThan(0.85);

        execute(database, "create table labels (id int primary key, value text)");
        execute(database, "insert into labels select g, 'v' from generate_series(1, 100) g");
        execute(database, "select pg_stat_reset();\n"
                + "do $$ begin for i in 1..3000 loop perform count(*) from labels; end loop; end $$;\n"
                + "select pg_stat_force_next_flush()");
        AdvisorFixture warm = new AdvisorFixture(database);
        warm.applicationRuns("select value from labels where id = ?");

        assertThat(warm.advisor().latestHealth())
                .as("health samples with %s", blocks(database))
                .filteredOn(sample -> "cache_hit_ratio".equals(sample.metric())
                        && sample.dataSource().endsWith("/" + database.databaseName()))
                .singleElement()
                .satisfies(sample -> {
                    assertThat(sample.ratio()).isGreaterThan(0.95);
                    assertThat(sample.status()).isEqualTo("good");
                });
        assertThat(cacheFindings(database)).as("a good ratio is no finding").isEmpty();
    }

    private static String blocks(TestDatabase database) throws Exception {
        try (Connection connection = database.open(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select blks_hit, blks_read from pg_stat_database "
                     + "where datname = current_database()")) {
            rs.next();
            return rs.getLong(1) + " blocks hit, " + rs.getLong(2) + " read";
        }
    }

    private static String warmSamples() {
        return findings(FindingKind.TABLE_HEALTH).toString();
    }

    private static List<Finding> cacheFindings(TestDatabase database) {
        return findings(FindingKind.TABLE_HEALTH).stream()
                .filter(f -> "cache_hit_ratio".equals(f.details().get("rule")))
                .filter(f -> f.dataSource().endsWith("/" + database.databaseName()))
                .toList();
    }
}
