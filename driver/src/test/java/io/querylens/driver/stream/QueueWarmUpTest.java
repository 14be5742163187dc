package io.querylens.driver.stream;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class QueueWarmUpTest {
    static {
        System.setProperty("chronicle.analytics.disable", "true");
    }

    @TempDir
    Path directory;

    @Test
    void noWarmUpStartsWhenStreamingIsOff() {
        assertThat(QueueWarmUp.start(QueryLensConfig.builder().set(ConfigKey.QUEUE_DIR, "").build())).isFalse();
        assertThat(QueueWarmUp.start(QueryLensConfig.builder().set(ConfigKey.QUEUE_DIR, directory.toString())
                .set(ConfigKey.DETECTORS_DISABLED, "nplusone,stream").build())).isFalse();
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void theWarmUpOpensTheQueueOnItsOwnThreadAndWritesNoEvent() throws Exception {
        Path queue = directory.resolve("queue");
        QueueWarmUp warmUp = QueueWarmUp.begin(queue, "hourly", 24, 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> !warmUp.isRunning());

        assertThat(warmUp.opened()).isTrue();
        assertThat(Files.exists(queue.resolve("metadata.cq4t"))).as("the queue was opened").isTrue();
        try (SingleChronicleQueue read = SingleChronicleQueueBuilder.binary(queue).build();
             ExcerptTailer tailer = read.createTailer()) {
            assertThat(tailer.readBytes(Bytes.allocateElasticOnHeap())).as("no event written").isFalse();
        }
    }

    /** A first connection before the warm-up began: the warm-up is dropped and never touches the queue. */
    @Test
    void aFirstConnectionDropsAWarmUpThatHasNotBegun() {
        Path queue = directory.resolve("queue");
        boolean started = QueueWarmUp.start(QueryLensConfig.builder().set(ConfigKey.QUEUE_DIR, queue.toString())
                .build());
        QueueWarmUp.dropIfNotBegun();
        await().atMost(Duration.ofSeconds(30)).until(() -> !QueueWarmUp.current().isRunning());

        assertThat(started).isTrue();
        assertThat(QueueWarmUp.current().opened()).isFalse();
        assertThat(queue).doesNotExist();
    }

    /** The stream opening before the warm-up began: it opens the queue itself, and the warm-up never touches it. */
    @Test
    void aStreamOpeningFirstDropsAWarmUpThatHasNotBegun() {
        Path queue = directory.resolve("queue");
        QueueWarmUp warmUp = QueueWarmUp.begin(queue, "hourly", 24, 60_000);
        warmUp.finishOrDrop();

        await().atMost(Duration.ofSeconds(30)).until(() -> !warmUp.isRunning());
        assertThat(warmUp.opened()).isFalse();
        assertThat(queue).doesNotExist();
    }
}
