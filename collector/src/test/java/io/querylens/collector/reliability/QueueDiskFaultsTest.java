package io.querylens.collector.reliability;

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
            long executed;
            try (ChildProcess app = rig.application("full", 2, 200)) {
                app.send("spin");
                await().atMost(Duration.ofSeconds(60)).until(() -> cycleFiles(rig.queue) > 0);
                Thread.sleep(2_000); // a few flushes land before the disk fills
                Path filler = disk.resolve("filler");
                fill(disk, filler);
                String warning = app.awaitLine("cannot write events", 60);
                assertThat(warning).contains(QUERYLENS_WARNING, "No space left on device", "logged once");
                keepsExecuting(app);
                Files.delete(filler);
                app.awaitLine("resumed streaming", 60);
                keepsExecuting(app);
                app.send("stop");
                String done = app.awaitLine("done", 60);
                assertThat(done).endsWith("failures 0");
                executed = FaultRig.number(done);
                app.send("exit");
                assertThat(app.awaitExit(60)).isZero();
                assertThat(app.countLines(line -> line.contains(QUERYLENS_WARNING))).as("one warning")
                        .isEqualTo(1);
            }
            assertTotals(rig, executed);
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
            long executed;
            try (ChildProcess app = rig.application("readonly", 2, 5)) {
                app.send("spin");
                String warning = app.awaitLine("cannot write events", 60);
                assertThat(warning).contains(QUERYLENS_WARNING, "Read-only file system", "logged once");
                keepsExecuting(app);
                Mounts.writable(folder);
                app.awaitLine("resumed streaming", 60);
                keepsExecuting(app);
                app.send("stop");
                String done = app.awaitLine("done", 60);
                assertThat(done).endsWith("failures 0");
                executed = FaultRig.number(done);
                app.send("exit");
                assertThat(app.awaitExit(60)).isZero();
                assertThat(app.countLines(line -> line.contains(QUERYLENS_WARNING))).as("one warning")
                        .isEqualTo(1);
            }
            assertTotals(rig, executed);
        } finally {
            Mounts.unmount(folder);
        }
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
