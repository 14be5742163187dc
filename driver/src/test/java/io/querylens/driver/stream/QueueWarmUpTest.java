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

import static org.assertj.core.api.Assertions.assertThat;

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
        boolean started = QueueWarmUp.start(QueryLensConfig.builder().set(ConfigKey.QUEUE_DIR, queue.toString()).build());
        QueueWarmUp.awaitFinished();

        assertThat(started).isTrue();
        assertThat(Files.exists(queue.resolve("metadata.cq4t"))).as("the queue was opened").isTrue();
        try (SingleChronicleQueue read = SingleChronicleQueueBuilder.binary(queue).build();
             ExcerptTailer tailer = read.createTailer()) {
            assertThat(tailer.readBytes(Bytes.allocateElasticOnHeap())).as("no event written").isFalse();
        }
        assertThat(QueueWarmUp.start(QueryLensConfig.builder().set(ConfigKey.QUEUE_DIR, queue.toString()).build()))
                .as("once per JVM").isFalse();
    }
}
