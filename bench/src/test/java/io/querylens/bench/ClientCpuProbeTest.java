package io.querylens.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCpuProbeTest {

    @Test
    void contextSwitchesAreReadFromTheThreadsStatusLines() {
        List<String> status = List.of(
                "Name:\tmain",
                "State:\tR (running)",
                "voluntary_ctxt_switches:\t120394",
                "nonvoluntary_ctxt_switches:\t  87");

        assertThat(ClientCpuProbe.contextSwitches(status)).containsExactly(120_394L, 87L);
    }

    @Test
    void aStatusWithoutSwitchCountsReadsZero() {
        assertThat(ClientCpuProbe.contextSwitches(List.of("Name:\tmain"))).containsExactly(0L, 0L);
    }
}
