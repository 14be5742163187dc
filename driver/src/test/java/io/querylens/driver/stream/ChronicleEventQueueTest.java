package io.querylens.driver.stream;

import io.querylens.driver.sql.StatementKind;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChronicleEventQueueTest {
    static {
        System.setProperty("chronicle.analytics.disable", "true");
    }

    @TempDir
    Path directory;

    @Test
    void eventsAppendedByTwoWritersAreReadBackInOrderFromOneQueue() throws Exception {
        StreamEvent.Origin first = new StreamEvent.Origin("a", "h", 1, 1);
        StreamEvent.Origin second = new StreamEvent.Origin("b", "h", 2, 2);
        try (ChronicleEventQueue one = ChronicleEventQueue.open(directory, "hourly", 24);
             ChronicleEventQueue two = ChronicleEventQueue.open(directory, "hourly", 24)) {
            for (int i = 0; i < 100; i++) {
                one.append(EventCodec.encode(new StreamEvent.ShapeSeen(first, i, "ds", i, StatementKind.SELECT, "q" + i)));
                two.append(EventCodec.encode(new StreamEvent.ShapeSeen(second, i, "ds", i, StatementKind.SELECT, "q" + i)));
            }
        }
        List<StreamEvent> read = new ArrayList<>();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory).build();
             ExcerptTailer tailer = queue.createTailer()) {
            Bytes<byte[]> bytes = Bytes.allocateElasticOnHeap();
            while (tailer.readBytes(bytes)) {
                read.add(EventCodec.decode(bytes.toByteArray()));
                bytes.clear();
            }
        }
        assertThat(read).hasSize(200);
        assertThat(read).filteredOn(e -> e.origin().app().equals("a")).extracting(StreamEvent::epochMillis)
                .isSorted().hasSize(100);
    }

    @Test
    void retentionKeepsOnlyTheNewestCycleFiles() throws Exception {
        for (String name : List.of("20261125-08.cq4", "20261125-09.cq4", "20261125-10.cq4", "20261125-11.cq4")) {
            Files.writeString(directory.resolve(name), "x");
        }
        Files.writeString(directory.resolve("directory-listing.cq4t"), "x");
        assertThat(new CycleRetention(directory, 2).deleteOldCycles()).isEqualTo(2);
        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("20261125-10.cq4", "20261125-11.cq4", "directory-listing.cq4t");
        }
    }
}
