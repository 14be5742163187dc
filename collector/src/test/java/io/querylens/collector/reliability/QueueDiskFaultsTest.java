package io.querylens.collector.reliability;

import io.querylens.collector.process.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10, "Faults": the queue's disk fills up, or its folder is read-only, while an application (its own JVM) runs
 * on embedded PostgreSQL. The application keeps executing without an exception, QueryLens logs one warning, and once
 * the disk is usable again the stream resumes and the collector's totals equal what the application executed.
 */
class QueueDiskFaultsTest {
    private static final String QUERYLENS_WARNING = "WARN io.querylens - ";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void aFullQueueDiskIsOneWarningTheApplicationKeepsRunningAndStreamingResumesWhenSpaceReturns() throws Exception {
        Path disk = Files.createDirectories(work.resolve("small-disk"));
        Mounts.tmpfs(disk, "64m");
        try {
            FaultRig rig = new FaultRig(work, disk.resolve("queue"));
            Path filler = disk.resolve("filler");
            oneWarningWhileUnusableAndEveryExecutionCounted(rig, "full", 200, "No space left on device", () -> {
                await().atMost(Duration.ofSeconds(60)).until(() -> cycleFiles(rig.queue) > 0);
                Thread.sleep(2_000); // a few flushes land before the disk fills
                fill(disk, filler);
            }, () -> Files.delete(filler));
        } finally {
            Mounts.unmount(disk);
        }
    }

    @Test
    void aReadOnlyQueueFolderIsOneWarningAndStreamingStartsOnceItIsWritable() throws Exception {
        Path source = Files.createDirectories(work.resolve("queue-source"));
        Path folder = Files.createDirectories(work.resolve("read-only"));
        Mounts.readOnlyBind(source, folder);
        try {
            FaultRig rig = new FaultRig(work, folder.resolve("queue"));
            oneWarningWhileUnusableAndEveryExecutionCounted(rig, "readonly", 5, "Read-only file system", () -> {
                // read-only from the start
            }, () -> Mounts.writable(folder));
        } finally {
            Mounts.unmount(folder);
        }
    }

    /** A step that makes the queue's disk unusable or usable again. */
    private interface DiskStep {
        void run() throws Exception;
    }

    /**
     * An application (2 threads over {@code shapes} shapes) spins while {@code unusable} takes the queue's disk away:
     * one warning naming {@code cause}, no failed statement, progress throughout; after {@code usableAgain} the
     * stream resumes and the queue and the collector hold every execution.
     */
    private static void oneWarningWhileUnusableAndEveryExecutionCounted(FaultRig rig, String name, int shapes,
            String cause, DiskStep unusable, DiskStep usableAgain) throws Exception {
        long executed;
        try (ChildProcess app = rig.application(name, 2, shapes)) {
            app.send("spin");
            unusable.run();
            String warning = app.awaitLine("cannot write events", 60);
            assertThat(warning).contains(QUERYLENS_WARNING, cause, "logged once");
            keepsExecuting(app);
            usableAgain.run();
            app.awaitLine("resumed streaming", 60);
            keepsExecuting(app);
            app.send("stop");
            String done = app.awaitLine("done", 60);
            assertThat(done).endsWith("failures 0");
            executed = FaultRig.number(done);
            app.send("exit");
            assertThat(app.awaitExit(60)).isZero();
            assertThat(app.countLines(line -> line.contains(QUERYLENS_WARNING))).as("one warning").isEqualTo(1);
        }
        assertTotals(rig, executed);
    }

    /** The application's progress grows by at least a thousand statements from now: it is not held up. */
    private static void keepsExecuting(ChildProcess app) throws InterruptedException {
        long now = FaultRig.number(app.awaitLine("progress", app.lines().size(), 30));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String last = app.lines().stream().filter(l -> l.startsWith("progress ")).reduce((a, b) -> b).orElse("");
            return !last.isEmpty() && FaultRig.number(last) > now + 1_000;
        });
    }

    private static void assertTotals(FaultRig rig, long executed) throws Exception {
        QueueContents written = QueueContents.read(rig.queue);
        System.out.println("queue holds " + written);
        assertThat(written.unreadable()).as("no event half-written while the disk was full").isZero();
        assertThat(written.executions()).as("the queue itself, read apart from the collector").isEqualTo(executed);
        try (FaultRig.Collector collector = rig.collector()) {
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> collector.executions() >= executed);
            } catch (RuntimeException | AssertionError stuck) {
                throw new AssertionError("collector counted " + collector.executions() + " of " + executed
                        + "; the queue holds " + written, stuck);
            }
            Thread.sleep(1_500);
            assertThat(collector.executions()).as("every execution, also those while the queue was unusable")
                    .isEqualTo(executed);
            System.out.printf("queue unusable for a while: %d executions, all counted by the collector%n", executed);
        }
    }

    /**
     * Fills the disk up to 2 MB, below the 8 MB QueryLens keeps free. Filling to the last byte would race the
     * stream's own writes, and a memory-mapped write that hits a full disk is reported by the JVM only after the fact
     * (see ChronicleEventQueue.MIN_FREE_BYTES).
     */
    private static void fill(Path disk, Path filler) throws IOException {
        long toWrite = Files.getFileStore(disk).getUsableSpace() - (2L << 20);
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long written = 0; written < toWrite; written += block.length) {
                out.write(block);
            }
        }
        assertThat(Files.getFileStore(disk).getUsableSpace()).isLessThan(4L << 20);
    }

    private static long cycleFiles(Path queue) throws IOException {
        if (!Files.isDirectory(queue)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(queue)) {
            return files.filter(f -> f.toString().endsWith(".cq4")).count();
        }
    }
}
