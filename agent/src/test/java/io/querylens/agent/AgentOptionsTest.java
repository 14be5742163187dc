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
    void optionsBecomeSystemPropertiesUntilRestored() {
        System.setProperty("querylens.app", "before");
        System.clearProperty("querylens.shapes.max");
        Runnable restore = AgentOptions.parse("app=agent,shapes.max=64").applyAsSystemProperties();
        assertThat(System.getProperty("querylens.app")).isEqualTo("agent");
        assertThat(System.getProperty("querylens.shapes.max")).isEqualTo("64");

        restore.run();

        assertThat(System.getProperty("querylens.app")).isEqualTo("before");
        assertThat(System.getProperty("querylens.shapes.max")).isNull();
        System.clearProperty("querylens.app");
    }
}
