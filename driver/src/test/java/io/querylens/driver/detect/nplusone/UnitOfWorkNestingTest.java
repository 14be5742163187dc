package io.querylens.driver.detect.nplusone;

import io.querylens.QueryLens;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.recording.Execution;
import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Attaching, nesting and closing explicit units, fed executions directly (no database needed for scoping). */
class UnitOfWorkNestingTest {
    private static final QueryShape PARENT = new QueryShape(21, "select id from orders", StatementKind.SELECT, null);
    private static final QueryShape LOOKUP =
            new QueryShape(22, "select name from users where id = ?", StatementKind.SELECT, null);

    private static void nPlusOne(NPlusOneDetector detector, int lookups) {
        Execution execution = new Execution();
        execution.fill(PARENT, null, null, 0, 1, 0, 0, null);
        detector.onExecution(execution);
        for (int i = 1; i <= lookups; i++) {
            execution.fill(LOOKUP, null, null, 0, 1, i, 0, null);
            detector.onExecution(execution);
        }
    }

    @Test
    void innerUnitCountsApartAndClosingItRestoresTheOuterOne() {
        NPlusOneDetector detector = Lens.fresh();
        try (UnitOfWork outer = QueryLens.unitOfWork("outer")) {
            nPlusOne(detector, 5);
            try (UnitOfWork inner = QueryLens.unitOfWork("inner")) {
                assertThat(UnitOfWork.current()).isSameAs(inner);
                nPlusOne(detector, 6);
            }
            assertThat(UnitOfWork.current()).isSameAs(outer);
            assertThat(Lens.reported(FindingKind.N_PLUS_ONE)).extracting(Finding::count).containsExactly(6L);
            nPlusOne(detector, 2);
        }
        assertThat(UnitOfWork.current()).isNull();
        assertThat(Lens.reported(FindingKind.N_PLUS_ONE)).extracting(f -> f.details().get("unitOfWork"), Finding::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("unit of work: inner", 6L),
                        org.assertj.core.groups.Tuple.tuple("unit of work: outer", 7L));
    }

    @Test
    void wrappedTaskCountsIntoTheUnitAndLeavesTheRunningThreadAsItWas() throws Exception {
        NPlusOneDetector detector = Lens.fresh();
        UnitOfWork[] seenAfterTask = new UnitOfWork[1];
        try (UnitOfWork job = QueryLens.unitOfWork("job")) {
            Thread worker = new Thread(() -> {
                job.wrap(() -> nPlusOne(detector, 8)).run();
                seenAfterTask[0] = UnitOfWork.current();
            });
            worker.start();
            worker.join();
        }
        assertThat(seenAfterTask[0]).isNull();
        assertThat(Lens.reported(FindingKind.N_PLUS_ONE)).singleElement()
                .satisfies(f -> assertThat(f.count()).isEqualTo(8));
    }

    @Test
    void closingTwiceReportsOnceAndStatementsAfterCloseAreNotCounted() {
        NPlusOneDetector detector = Lens.fresh();
        UnitOfWork unit = QueryLens.unitOfWork("once");
        nPlusOne(detector, 5);
        try (UnitOfWork.Attachment ignored = unit.attach()) {
            unit.close();
            nPlusOne(detector, 5); // attached but closed: ignored by the unit
        }
        unit.close();
        assertThat(unit.isClosed()).isTrue();
        assertThat(Lens.reported(FindingKind.N_PLUS_ONE)).singleElement()
                .satisfies(f -> assertThat(f.count()).isEqualTo(5));
    }
}
