package io.querylens.driver.sink;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.internal.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConfiguredSinksTest {
    @TempDir
    Path dir;

    @Test
    void defaultsLogFindingsAndWriteNoFile() {
        List<FindingSink> sinks = ConfiguredSinks.create(QueryLensConfig.defaults(), new Faults(), List.of());

        assertThat(sinks).singleElement().isInstanceOf(LogSink.class);
    }

    @Test
    void findingsFileAddsAJsonLinesSinkAndListenersComeLast() {
        Path file = dir.resolve("findings.jsonl");
        QueryLensConfig config = QueryLensConfig.builder()
                .set(ConfigKey.FINDINGS_LOG, false)
                .set(ConfigKey.FINDINGS_FILE, file)
                .build();

        List<FindingSink> sinks = ConfiguredSinks.create(config, new Faults(), List.of(finding -> { }));

        assertThat(sinks).hasSize(2);
        assertThat(sinks.get(0)).isInstanceOfSatisfying(JsonLinesSink.class, s -> assertThat(s.file()).isEqualTo(file));
        assertThat(sinks.get(1)).isInstanceOf(ListenerSink.class);
    }
}
