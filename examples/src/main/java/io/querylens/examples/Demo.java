package io.querylens.examples;

import io.querylens.examples.demo.DemoOptions;
import io.querylens.examples.demo.DemoRun;

import java.util.concurrent.CountDownLatch;

/**
 * The one-command demo (see README): embedded PostgreSQL 17, the example shop in a child JVM under
 * {@code -javaagent:querylens-agent.jar} with a plain {@code jdbc:postgresql:} URL, and the collector in another
 * child JVM reading the shop's event queue and polling the database. Prints the findings and per-shape latency
 * (also written as JSON Lines and a self-contained HTML page), then keeps the collector serving {@code /metrics} and
 * its JSON API until Ctrl-C, or exits at once with {@code -Dquerylens.demo.exit=true} or {@code --exit}.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options = DemoOptions.from(args);
        DemoRun run = new DemoRun(options, System.out);
        if (options.exitAfterReport()) {
            try (run) {
                run.start();
            }
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            run.close();
            stopped.countDown();
        }, "querylens-demo-stop"));
        try {
            run.start();
        } catch (Exception failed) {
            run.close();
            throw failed;
        }
        System.out.println();
        System.out.println("Serving until Ctrl-C (run with -D" + DemoOptions.EXIT_PROPERTY + "=true to exit instead).");
        stopped.await();
    }
}
