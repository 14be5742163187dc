package io.querylens.driver.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Configuration is printed whole (start-up, errors); a password in the analysis URL must not be. */
class ConfigShowsNoCredentialsTest {

    @Test
    void analysisUrlIsShownWithoutItsCredentials() {
        QueryLensConfig config = QueryLensConfig.builder()
                .set(ConfigKey.ANALYSIS_URL, "jdbc:postgresql://ro:S3cr3t-A@db:5432/app?password=S3cr3t-B&ssl=true")
                .set(ConfigKey.ANALYSIS_USER, "querylens_ro")
                .build();
        assertThat(config.toString()).doesNotContain("S3cr3t")
                .contains("querylens.analysis.url=jdbc:postgresql://db:5432/app (credentials and parameters not shown)")
                .contains("querylens.analysis.user=querylens_ro");
        assertThat(ConfigKey.ANALYSIS_URL.shown("jdbc:postgresql://db/app")).isEqualTo("jdbc:postgresql://db/app");
    }
}
