package io.querylens.collector.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Real file-system faults for the queue: a tiny tmpfs that fills up, a bind mount remounted read-only. Needs root
 * with CAP_SYS_ADMIN (as on the project's machines and CI); permissions alone would not do, since root ignores
 * them. A mount that fails fails the test and says so, it never skips.
 */
final class Mounts {
    private Mounts() {
    }

    static void tmpfs(Path at, String size) throws Exception {
        run("mount", "-t", "tmpfs", "-o", "size=" + size, "querylens-faults", at.toString());
    }

    static void readOnlyBind(Path source, Path at) throws Exception {
        run("mount", "--bind", source.toString(), at.toString());
        run("mount", "-o", "remount,ro,bind", at.toString());
    }

    static void writable(Path boundAt) throws Exception {
        run("mount", "-o", "remount,rw,bind", boundAt.toString());
    }

    /** Lazy unmount: processes that still map a queue file keep it until they exit. */
    static void unmount(Path at) throws Exception {
        run("umount", "-l", at.toString());
    }

    private static void run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException missing) {
            throw new AssertionError("the queue fault tests need the 'mount' command (util-linux) and root", missing);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + output.trim() + "): the queue fault "
                    + "tests need root with CAP_SYS_ADMIN to mount a tmpfs and a read-only bind mount");
        }
    }

}
