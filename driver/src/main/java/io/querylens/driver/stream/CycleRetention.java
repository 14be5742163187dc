package io.querylens.driver.stream;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds the queue's disk use by counting roll cycles, not bytes: each Chronicle cycle file is an 83 MB sparse file
 * of which a few KB are used, so its apparent size says nothing. Keeps the newest {@code retainCycles} {@code .cq4}
 * files and deletes the rest. Cycle file names are the cycle's date and time, so name order is time order.
 *
 * <p>Several processes may share one queue and each may run this; a file another process deleted first is not an
 * error. A process still mapping a deleted file keeps its mapping (Linux unlinks, the pages go when unmapped).
 */
final class CycleRetention {
    private final Path directory;
    private final int retainCycles;

    CycleRetention(Path directory, int retainCycles) {
        this.directory = directory;
        this.retainCycles = retainCycles;
    }

    /** Returns how many cycle files were deleted. */
    int deleteOldCycles() throws IOException {
        List<Path> cycles = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.cq4")) {
            for (Path file : files) {
                cycles.add(file);
            }
        }
        if (cycles.size() <= retainCycles) {
            return 0;
        }
        cycles.sort(null);
        int deleted = 0;
        for (Path old : cycles.subList(0, cycles.size() - retainCycles)) {
            if (Files.deleteIfExists(old)) {
                deleted++;
            }
        }
        return deleted;
    }
}
