package io.querylens.driver.detect.advisor;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static io.querylens.driver.detect.advisor.AdvisorFixture.execute;
import static io.querylens.driver.detect.advisor.AdvisorFixture.findings;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue "Schema advisor": duplicate_index, unused_index and imprecise_money_type on a real PostgreSQL 17. */
class IndexAndTypeChecksOnPostgresTest {
    private TestDatabase database;

    @BeforeEach
    void freshSchema() throws Exception {
        database = TestDatabases.postgres().freshSchema("advisor_idx");
    }

    @Test
    void prefixAndIdenticalIndexesAreDuplicatesButTheUniqueOneStays() throws Exception {
        execute(database, "create table items (id bigint primary key, sku text not null, category int, name text)");
        execute(database, "create index items_category on items (category)");
        execute(database, "create index items_category_name on items (category, name)");
        execute(database, "create unique index items_sku_unique on items (sku)");
        execute(database, "create index items_sku on items (sku)");
        new AdvisorFixture(database).applicationRuns("select name from items where category = ?");

        List<Finding> duplicates = sortedByIndex(findings(FindingKind.DUPLICATE_INDEX));
        assertThat(duplicates).extracting(f -> f.details().get("index"))
                .containsExactly("items_category", "items_sku");
        assertThat(duplicates.get(0).details()).containsEntry("coveredBy", "items_category_name")
                .containsEntry("rule", "prefix_index");
        assertThat(duplicates.get(0).suggestion()).isEqualTo("DROP INDEX CONCURRENTLY items_category;");
        assertThat(duplicates.get(1).details()).containsEntry("coveredBy", "items_sku_unique")
                .containsEntry("rule", "identical_index");

        duplicates.forEach(f -> run(f.suggestion()));
        new AdvisorFixture(database).applicationRuns("select name from items where category = ?");
        assertThat(findings(FindingKind.DUPLICATE_INDEX)).isEmpty();
    }

    @Test
    void indexNeverScannedIsUnusedUnlessItBacksAConstraintOrAForeignKey() throws Exception {
        execute(database, "create table items (id bigint primary key, sku text not null unique, category int, name text)");
        execute(database, "create index items_category on items (category)");
        execute(database, "create index items_name on items (name)");
        execute(database, "create table lines (id bigint primary key, item_id bigint not null references items)");
        execute(database, "create index lines_item_id on lines (item_id)");
        String[] application = {
                "set enable_seqscan = off",
                "select id from items where category = ?",
                "select count(*) from lines",
                // Statistics reach the shared view when a backend goes idle, at most once a second: force it.
                "select pg_stat_force_next_flush()"};
        AdvisorFixture.checkingAfterTheApplication(database).applicationRuns(application);

        List<Finding> unused = findings(FindingKind.UNUSED_INDEX);
        assertThat(unused).extracting(f -> f.details().get("index")).containsExactly("items_name");
        assertThat(unused.get(0).suggestion()).isEqualTo("DROP INDEX CONCURRENTLY items_name;");
        assertThat(unused.get(0).columns()).containsExactly("name");

        run(unused.get(0).suggestion());
        AdvisorFixture.checkingAfterTheApplication(database).applicationRuns(application);
        assertThat(findings(FindingKind.UNUSED_INDEX)).isEmpty();
    }

    @Test
    void indexFirstScannedAfterTheAdvisorsFirstRunIsNotReportedUnused() throws Exception {
        execute(database, "create table items (id bigint primary key, category int, name text)");
        execute(database, "create index items_category on items (category)");
        execute(database, "create index items_name on items (name)");
        AdvisorFixture fixture = new AdvisorFixture(database, ConfigKey.ADVISOR_UNUSED_INDEX_CONFIRM_SECONDS, 2);
        // The advisor's first run reads the table before the application has queried it by category.
        fixture.applicationRuns("select name from items where id = ?");
        assertThat(findings(FindingKind.UNUSED_INDEX)).as("one reading of the scan counts is not enough").isEmpty();

        fixture.applicationRuns("set enable_seqscan = off", "select id from items where category = ?",
                "select pg_stat_force_next_flush()");
        Thread.sleep(2_100); // past the confirmation wait, counted from the first run
        fixture.runNow();

        assertThat(findings(FindingKind.UNUSED_INDEX)).extracting(f -> f.details().get("index"))
                .as("items_category read zero scans at the first run, then was scanned")
                .containsExactly("items_name");
    }

    @Test
    void floatingPointColumnsNamedLikeMoneyGetADecimalType() throws Exception {
        execute(database, "create table payments (id bigint primary key, amount double precision not null, "
                + "\"unitPrice\" real, priority real, note text)");
        new AdvisorFixture(database).applicationRuns("insert into payments values (1, 1.5, 2.5, 1, 'x')");

        List<Finding> money = findings(FindingKind.IMPRECISE_MONEY_TYPE).stream()
                .sorted(Comparator.comparing(f -> f.columns().get(0))).toList();
        assertThat(money).extracting(f -> f.columns().get(0)).containsExactly("amount", "unitPrice");
        assertThat(money.get(0).suggestion())
                .isEqualTo("ALTER TABLE payments ALTER COLUMN amount TYPE numeric(19,4);");
        assertThat(money.get(0).details()).containsEntry("currentType", "double precision");
        assertThat(money.get(1).suggestion())
                .isEqualTo("ALTER TABLE payments ALTER COLUMN \"unitPrice\" TYPE numeric(19,4);");

        money.forEach(f -> run(f.suggestion()));
        new AdvisorFixture(database).applicationRuns("insert into payments values (2, 1.5, 2.5, 1, 'x')");
        assertThat(findings(FindingKind.IMPRECISE_MONEY_TYPE)).isEmpty();
    }

    private void run(String suggestion) {
        try {
            execute(database, suggestion);
        } catch (java.sql.SQLException failure) {
            throw new AssertionError("suggestion failed: " + suggestion, failure);
        }
    }

    private static List<Finding> sortedByIndex(List<Finding> findings) {
        return findings.stream().sorted(Comparator.comparing(f -> String.valueOf(f.details().get("index")))).toList();
    }
}
