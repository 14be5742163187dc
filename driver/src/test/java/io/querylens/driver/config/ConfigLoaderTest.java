package io.querylens.driver.config;

import io.querylens.driver.sink.RecordingLog;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigLoaderTest {
    private final Properties systemProperties = new Properties();
    private final Map<String, String> environment = new HashMap<>();
    private final Properties file = new Properties();
    private final RecordingLog log = new RecordingLog();

    private ConfigLoader loader() {
        return new ConfigLoader(systemProperties, environment, file).withLog(log);
    }

    @Test
    void systemPropertyBeatsEnvironmentWhichBeatsPropertiesFileWhichBeatsDefault() {
        systemProperties.setProperty("querylens.findings.updateSeconds", "10");
        environment.put("QUERYLENS_FINDINGS_UPDATE_SECONDS", "20");
        file.setProperty("querylens.findings.updateSeconds", "30");
        environment.put("QUERYLENS_SHAPES_MAX", "2500");
        file.setProperty("querylens.shapes.max", "3000");
        file.setProperty("querylens.app", "shop");

        QueryLensConfig config = loader().load();

        assertThat(config.integer(ConfigKey.FINDINGS_UPDATE_SECONDS)).isEqualTo(10);
        assertThat(config.source(ConfigKey.FINDINGS_UPDATE_SECONDS))
                .isEqualTo("system property querylens.findings.updateSeconds");
        assertThat(config.integer(ConfigKey.SHAPES_MAX)).isEqualTo(2500);
        assertThat(config.source(ConfigKey.SHAPES_MAX)).isEqualTo("env QUERYLENS_SHAPES_MAX");
        assertThat(config.string(ConfigKey.APP)).isEqualTo("shop");
        assertThat(config.source(ConfigKey.APP)).isEqualTo("querylens.properties");
        assertThat(config.integer(ConfigKey.SHAPE_CACHE_SIZE)).isEqualTo(4096);
        assertThat(config.source(ConfigKey.SHAPE_CACHE_SIZE)).isEqualTo("default");
    }

    @Test
    void agentOptionsBeatEveryOtherSource() {
        systemProperties.setProperty("querylens.findings.updateSeconds", "10");
        systemProperties.setProperty("querylens.app", "from-property");

        QueryLensConfig config = loader()
                .withAgentOptions(Map.of("findings.updateSeconds", "5", "querylens.app", "from-agent")).load();

        assertThat(config.integer(ConfigKey.FINDINGS_UPDATE_SECONDS)).isEqualTo(5);
        assertThat(config.source(ConfigKey.FINDINGS_UPDATE_SECONDS))
                .isEqualTo("agent option querylens.findings.updateSeconds");
        assertThat(config.string(ConfigKey.APP)).isEqualTo("from-agent");
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void environmentVariableNamesUseUnderscoresForDotsAndCamelCase() {
        assertThat(ConfigKey.FINDINGS_UPDATE_SECONDS.environmentVariable())
                .isEqualTo("QUERYLENS_FINDINGS_UPDATE_SECONDS");
        assertThat(ConfigKey.FINDINGS_FILE.environmentVariable()).isEqualTo("QUERYLENS_FINDINGS_FILE");
        assertThat(ConfigKey.SHAPE_CACHE_MAX_SQL_CHARS.environmentVariable())
                .isEqualTo("QUERYLENS_SHAPES_MAX_CACHED_SQL_CHARS");
        assertThat(ConfigKey.CAPTURE_BIND_VALUES.environmentVariable()).isEqualTo("QUERYLENS_CAPTURE_BIND_VALUES");
    }

    @Test
    void findingsFileIsReadFromItsEnvironmentVariable() {
        environment.put("QUERYLENS_FINDINGS_FILE", "/var/log/app/findings.jsonl");

        QueryLensConfig config = loader().load();

        assertThat(config.string(ConfigKey.FINDINGS_FILE)).isEqualTo("/var/log/app/findings.jsonl");
        assertThat(config.source(ConfigKey.FINDINGS_FILE)).isEqualTo("env QUERYLENS_FINDINGS_FILE");
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void integerErrorNamesKeyValueSourceAndRange() {
        environment.put("QUERYLENS_FINDINGS_UPDATE_SECONDS", "two");

        QueryLensConfigException e = catchThrowableOfType(QueryLensConfigException.class, () -> loader().load());

        assertThat(e.problems()).containsExactly("querylens.findings.updateSeconds = \"two\" "
                + "(from env QUERYLENS_FINDINGS_UPDATE_SECONDS): expected an integer from 1 to 86400");
    }

    @Test
    void integerOutsideItsRangeIsAnErrorNotClamped() {
        systemProperties.setProperty("querylens.findings.updateSeconds", "0");

        assertThatThrownBy(() -> loader().load()).isInstanceOf(QueryLensConfigException.class)
                .hasMessageContaining("querylens.findings.updateSeconds = \"0\" (from system property "
                        + "querylens.findings.updateSeconds): expected an integer from 1 to 86400");
    }

    @Test
    void booleanErrorNamesKeyValueSourceAndAllowedValues() {
        file.setProperty("querylens.enabled", "yes");

        QueryLensConfigException e = catchThrowableOfType(QueryLensConfigException.class, () -> loader().load());

        assertThat(e.problems()).containsExactly(
                "querylens.enabled = \"yes\" (from querylens.properties): expected true or false");
    }

    @Test
    void choiceErrorNamesKeyValueSourceAndAllowedValues() {
        QueryLensConfigException e = catchThrowableOfType(QueryLensConfigException.class,
                () -> loader().withAgentOptions(Map.of("findings.minSeverity", "fatal")).load());

        assertThat(e.problems()).containsExactly("querylens.findings.minSeverity = \"fatal\" "
                + "(from agent option querylens.findings.minSeverity): expected one of info, warning, critical");
    }

    @Test
    void choiceIgnoresCase() {
        environment.put("QUERYLENS_FINDINGS_MIN_SEVERITY", "Warning");

        assertThat(loader().load().choice(ConfigKey.FINDINGS_MIN_SEVERITY)).isEqualTo("warning");
    }

    @Test
    void everyInvalidValueIsReportedAtOnce() {
        environment.put("QUERYLENS_FINDINGS_UPDATE_SECONDS", "two");
        systemProperties.setProperty("querylens.enabled", "maybe");
        file.setProperty("querylens.shapes.max", "-1");
        environment.put("QUERYLENS_SHAPES_CACHE_SIZE", "");

        QueryLensConfigException e = catchThrowableOfType(QueryLensConfigException.class, () -> loader().load());

        assertThat(e.problems()).hasSize(4);
        assertThat(e.getMessage()).contains("querylens.findings.updateSeconds = \"two\"",
                "querylens.enabled = \"maybe\" (from system property querylens.enabled)",
                "querylens.shapes.max = \"-1\" (from querylens.properties): expected an integer from 16 to 1000000",
                "querylens.shapes.cacheSize = \"\" (from env QUERYLENS_SHAPES_CACHE_SIZE)");
    }

    @Test
    void unknownSystemPropertyWarnsWithTheClosestKey() {
        systemProperties.setProperty("querylens.findings.updateSecond", "5");
        systemProperties.setProperty("java.version.of.something.else", "x");

        loader().load();

        assertThat(log.warnings()).containsExactly("Unknown QueryLens setting querylens.findings.updateSecond "
                + "(system property) is ignored; did you mean querylens.findings.updateSeconds?");
    }

    @Test
    void unknownEnvironmentVariableWarnsWithTheClosestVariable() {
        environment.put("QUERYLENS_FINDING_FILE", "/tmp/f.jsonl");
        environment.put("PATH", "/usr/bin");

        loader().load();

        assertThat(log.warnings()).containsExactly("Unknown QueryLens environment variable QUERYLENS_FINDING_FILE "
                + "is ignored; did you mean QUERYLENS_FINDINGS_FILE (querylens.findings.file)?");
    }

    @Test
    void unknownKeysInPropertiesFileAndAgentOptionsWarnOneEach() {
        file.setProperty("querylens.shapes.cachesize", "10");
        file.setProperty("querylens.enable", "false");
        QueryLensConfig config = loader().withAgentOptions(Map.of("captureBindValue", "true")).load();

        assertThat(log.warnings()).containsExactly(
                "Unknown QueryLens setting querylens.captureBindValue (agent option) is ignored; "
                        + "did you mean querylens.captureBindValues?",
                "Unknown QueryLens setting querylens.enable (querylens.properties) is ignored; "
                        + "did you mean querylens.enabled?",
                "Unknown QueryLens setting querylens.shapes.cachesize (querylens.properties) is ignored; "
                        + "did you mean querylens.shapes.cacheSize?");
        assertThat(config.bool(ConfigKey.ENABLED)).as("a misspelled key changes nothing").isTrue();
    }

    @Test
    void toStringListsOnlyValuesThatWereSet() {
        environment.put("QUERYLENS_APP", "shop");

        assertThat(loader().load().toString()).isEqualTo("QueryLensConfig{querylens.app=shop}");
    }
}
