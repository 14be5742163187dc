package io.querylens.driver.detect.nplusone;

import com.example.shop.OrderReports;
import com.example.shop.ShopDatabase;
import io.querylens.QueryLens;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** 32 threads, each with its own N+1 of a different length: every count lands in its own unit, none leaks. */
class ConcurrentUnitsTest {
    private static final int THREADS = 32;
    static TestDatabase shop;

    @BeforeAll
    static void createShop() throws SQLException {
        shop = ShopDatabase.freshOnPostgres("nplusone_concurrent");
    }

    /** Thread i loads 5 + i % 16 owners: lengths differ, so a leak between threads would change a count. */
    private static int loopLength(int thread) {
        return 5 + thread % 16;
    }

    @Test
    void explicitUnitsOnThirtyTwoThreadsKeepTheirOwnCounts() throws Exception {
        List<Finding> reports = Lens.everyReport(Lens.fresh());
        runOnThreads(true);
        Map<String, Long> countsByUnit = new HashMap<>();
        for (Finding finding : reports) {
            countsByUnit.put((String) finding.details().get("unitOfWork"), finding.count());
        }
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < THREADS; i++) {
            expected.put("unit of work: worker " + i, (long) loopLength(i));
        }
        assertThat(reports).hasSize(THREADS).allMatch(f -> f.kind() == FindingKind.N_PLUS_ONE);
        assertThat(countsByUnit).isEqualTo(expected);
    }

    @Test
    void threadWindowsOnThirtyTwoThreadsKeepTheirOwnCounts() throws Exception {
        NPlusOneDetector detector = Lens.fresh();
        List<Finding> reports = Lens.everyReport(detector);
        List<String> threadNames = runOnThreads(false);
        detector.flush();
        Map<String, Long> countsByThread = new HashMap<>();
        for (Finding finding : reports) {
            countsByThread.put(((String) finding.details().get("unitOfWork")).replace("thread window: ", ""),
                    finding.count());
        }
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < THREADS; i++) {
            expected.put(threadNames.get(i), (long) loopLength(i));
        }
        assertThat(reports).hasSize(THREADS).allMatch(f -> f.kind() == FindingKind.N_PLUS_ONE);
        assertThat(countsByThread).isEqualTo(expected);
    }

    private static List<String> runOnThreads(boolean explicitUnits) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        try {
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int thread = i;
                done.add(pool.submit(() -> {
                    try (Connection connection = DriverManager.getConnection(shop.querylensUrl(), shop.user(),
                            shop.password())) {
                        start.await();
                        if (explicitUnits) {
                            try (UnitOfWork ignored = QueryLens.unitOfWork("worker " + thread)) {
                                new OrderReports(connection).ownerNamesOneByOne(loopLength(thread));
                            }
                        } else {
                            new OrderReports(connection).ownerNamesOneByOne(loopLength(thread));
                        }
                    }
                    return Thread.currentThread().getName();
                }));
            }
            List<String> names = new ArrayList<>();
            for (Future<String> f : done) {
                names.add(f.get());
            }
            return names;
        } finally {
            pool.shutdown();
        }
    }
}
