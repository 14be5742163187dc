package io.querylens.driver.detect.advisor;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static io.querylens.driver.detect.advisor.AdvisorFixture.execute;
import static io.querylens.driver.detect.advisor.AdvisorFixture.findings;
import static io.querylens.driver.detect.advisor.AdvisorFixture.onlyFinding;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "Schema advisor": the checks on a real MariaDB 11.4 (performance_schema on). MariaDB, like MySQL, creates an
 * index with every foreign key and refuses to drop it, so an unindexed foreign key cannot exist there: the test shows
 * the advisor stays quiet about the index the constraint brought.
 */
class SchemaChecksOnMariaDbTest {
    private static final String JOIN = "select o.id, u.email from orders o join users u on u.id = o.user_id where o.id = ?";
    private TestDatabase database;

    @BeforeEach
    void freshDatabase() throws Exception {
        database = TestDatabases.mariadb().createDatabase("advisor_maria");
    }

    @Test
    void joinOnAKeyWithoutConstraintIsAMissingForeignKeyAndTheSuggestionFixesIt() throws Exception {
        execute(database, "create table users (id bigint primary key, email varchar(100) not null)");
        execute(database, "create table orders (id bigint primary key, user_id bigint, total decimal(10,2))");
        execute(database, "insert into users values (1, 'a@example.com'), (2, 'b@example.com')");
        execute(database, "insert into orders values (1, 1, 10), (2, 2, 10), (3, 77, 10), (4, null, 10)");
        new AdvisorFixture(database).applicationRuns(JOIN);

        Finding finding = onlyFinding(FindingKind.MISSING_FOREIGN_KEY);
        assertThat(finding.table()).isEqualTo("orders");
        assertThat(finding.columns()).containsExactly("user_id");
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.details()).containsEntry("orphanRows", 1L);
        assertThat(finding.suggestion()).isEqualTo(
                "ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id FOREIGN KEY (user_id) REFERENCES users (id);");

        execute(database, "delete from orders where id = 3");
        execute(database, finding.suggestion());
        new AdvisorFixture(database).applicationRuns(JOIN);
        assertThat(findings(FindingKind.MISSING_FOREIGN_KEY)).isEmpty();
        assertThat(findings(FindingKind.UNINDEXED_FOREIGN_KEY)).isEmpty();
        assertThat(findings(FindingKind.UNUSED_INDEX)).as("the constraint's own index is never proposed for dropping")
                .extracting(f -> f.details().get("index")).doesNotContain("fk_orders_user_id");
    }

    @Test
    void prefixAndIdenticalIndexesAreDuplicatesButTheUniqueOneStays() throws Exception {
        execute(database, "create table items (id bigint primary key, sku varchar(20) not null, category int, "
                + "name varchar(50))");
        execute(database, "create index items_category on items (category)");
        execute(database, "create index items_category_name on items (category, name)");
        execute(database, "create unique index items_sku_unique on items (sku)");
        execute(database, "create index items_sku on items (sku)");
        new AdvisorFixture(database).applicationRuns("select name from items where category = ?");

        List<Finding> duplicates = findings(FindingKind.DUPLICATE_INDEX).stream()
                .sorted(Comparator.comparing(f -> String.valueOf(f.details().get("index")))).toList();
        assertThat(duplicates).extracting(f -> f.details().get("index"))
                .containsExactly("items_category", "items_sku");
        assertThat(duplicates.get(0).suggestion())
                .isEqualTo("ALTER TABLE items DROP INDEX items_category, ALGORITHM=INPLACE, LOCK=NONE;");

        for (Finding duplicate : duplicates) {
            execute(database, duplicate.suggestion());
        }
        new AdvisorFixture(database).applicationRuns("select name from items where category = ?");
        assertThat(findings(FindingKind.DUPLICATE_INDEX)).isEmpty();
    }

    @Test
    void indexNeverReadIsUnusedUnlessItIsUniqueOrServesAForeignKey() throws Exception {
        execute(database, "create table items (id bigint primary key, sku varchar(20) not null unique, category int, "
                + "name varchar(50))");
        execute(database, "create index items_category on items (category)");
        execute(database, "create index items_name on items (name)");
        execute(database, "create table order_lines (id bigint primary key, item_id bigint not null, "
                + "constraint lines_item foreign key (item_id) references items (id))");
        execute(database, "insert into items values (1, 'a', 1, 'x'), (2, 'b', 2, 'y')");
        execute(database, "insert into order_lines values (1, 1)");
        String[] application = {
                "select id from items force index (items_category) where category = ?",
                "select count(*) from order_lines"};
        AdvisorFixture.checkingAfterTheApplication(database).applicationRuns(application);

        List<Finding> unused = findings(FindingKind.UNUSED_INDEX);
        assertThat(unused).extracting(f -> f.details().get("index")).containsExactly("items_name");
        execute(database, unused.get(0).suggestion());
        AdvisorFixture.checkingAfterTheApplication(database).applicationRuns(application);
        assertThat(findings(FindingKind.UNUSED_INDEX)).isEmpty();
    }

    @Test
    void floatingPointColumnsNamedLikeMoneyGetADecimalTypeKeepingNullability() throws Exception {
        execute(database, "create table payments (id bigint primary key, amount double not null, unit_price float, "
                + "priority float)");
        new AdvisorFixture(database).applicationRuns("insert into payments values (1, 1.5, 2.5, 1)");

        List<Finding> money = findings(FindingKind.IMPRECISE_MONEY_TYPE).stream()
                .sorted(Comparator.comparing(f -> f.columns().get(0))).toList();
        assertThat(money).extracting(f -> f.columns().get(0)).containsExactly("amount", "unit_price");
        assertThat(money.get(0).suggestion())
                .isEqualTo("ALTER TABLE payments MODIFY COLUMN amount DECIMAL(19,4) NOT NULL;");
        assertThat(money.get(1).suggestion())
                .isEqualTo("ALTER TABLE payments MODIFY COLUMN unit_price DECIMAL(19,4) NULL;");

        for (Finding finding : money) {
            execute(database, finding.suggestion());
        }
        new AdvisorFixture(database).applicationRuns("insert into payments values (2, 1.5, 2.5, 1)");
        assertThat(findings(FindingKind.IMPRECISE_MONEY_TYPE)).isEmpty();
    }
}
