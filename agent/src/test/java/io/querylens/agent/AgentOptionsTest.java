package io.querylens.agent;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentOptionsTest {

    @Test
    void keysWithoutThePrefixGetIt() {
        assertThat(AgentOptions.parse("shapes.max=500,querylens.app=shop").values())
                .containsExactly(Map.entry("querylens.shapes.max", "500"), Map.entry("querylens.app", "shop"));
    }

    @Test
    void aListValueKeepsItsCommas() {
        assertThat(AgentOptions.parse("detectors.disabled=ddl,nplusone,app=shop").values())
                .containsExactly(Map.entry("querylens.detectors.disabled", "ddl,nplusone"),
                        Map.entry("querylens.app", "shop"));
    }

    @Test
    void noOptionsMeanNoValues() {
        assertThat(AgentOptions.parse(null).values()).isEmpty();
        assertThat(AgentOptions.parse(" ").values()).isEmpty();
    }

    @Test
    void aValueWithoutAKeyIsRefused() {
        assertThatThrownBy(() -> AgentOptions.parse("lonely")).hasMessageContaining("'lonely' has no value");
        assertThatThrownBy(() -> AgentOptions.parse("=5")).hasMessageContaining("has no key");
    }

    @Test
    void agentOptionsOutrankSystemPropertiesAndNameThemselvesInErrors() {
        System.setProperty("querylens.app", "from-system-property");
        try {
            var config = io.querylens.driver.config.ConfigLoader.fromEnvironment()
                    .withAgentOptions(AgentOptions.parse("app=agent,shapes.max=64").values()).load();
            assertThat(config.string(io.querylens.driver.config.ConfigKey.APP)).isEqualTo("agent");
            assertThat(config.integer(io.querylens.driver.config.ConfigKey.SHAPES_MAX)).isEqualTo(64);
            assertThatThrownBy(() -> io.querylens.driver.config.ConfigLoader.fromEnvironment()
                    .withAgentOptions(AgentOptions.parse("shapes.max=two").values()).load())
                    .hasMessageContaining("querylens.shapes.max = \"two\"")
                    .hasMessageContaining("agent option");
        } finally {
            System.clearProperty("querylens.app");
        }
    }
}
