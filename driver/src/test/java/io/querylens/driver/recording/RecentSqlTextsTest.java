package io.querylens.driver.recording;

import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentSqlTextsTest {

    private static ShapeStats stats(long id) {
        QueryShape shape = new QueryShape(id, "select * from t where id = ?", StatementKind.SELECT, null);
        return new ShapeStats(shape, new LatencyLog());
    }

    @Test
    void findsAShapeOnlyForTheVeryStringInstanceItWasGiven() {
        RecentSqlTexts recent = new RecentSqlTexts();
        String sql = "select name from users where id = ?";
        ShapeStats users = stats(1);
        recent.remember(sql, users);

        assertThat(recent.find(sql)).isSameAs(users);
        // Equal text, another instance: left to the shared cache, which compares contents.
        assertThat(recent.find(new String(sql))).isNull();
    }

    @Test
    void aSlotKeepsItsFirstTextSoItNeverAllocatesAgain() {
        RecentSqlTexts recent = new RecentSqlTexts();
        String first = "select 1";
        String sameSlot = null;
        for (int i = 0; sameSlot == null; i++) {
            String candidate = "select " + i + " from dual";
            if ((candidate.hashCode() & 7) == (first.hashCode() & 7)) {
                sameSlot = candidate;
            }
        }
        ShapeStats firstStats = stats(1);
        recent.remember(first, firstStats);
        recent.remember(sameSlot, stats(2));

        assertThat(recent.find(first)).isSameAs(firstStats);
        assertThat(recent.find(sameSlot)).isNull();
    }
}
