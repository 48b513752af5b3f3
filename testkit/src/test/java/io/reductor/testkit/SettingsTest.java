package io.reductor.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings are set by name over defaults; a missing Svix secret is generated anew for each simulator. */
class SettingsTest {

    @Test
    void unsetComponentsKeepTheirDefaults() {
        Settings settings = Settings.builder().queueTime(Duration.ZERO).rateLimit(5).build();
        assertThat(settings.queueTime()).isZero();
        assertThat(settings.rateLimit()).isEqualTo(5);
        assertThat(settings.apiKey()).isEqualTo(ReductoSimulator.DEFAULT_API_KEY);
        assertThat(settings.timePerPage()).isEqualTo(Duration.ofMillis(10));
        assertThat(settings.retention()).isEqualTo(Duration.ofHours(12));
        assertThat(settings.jobPollRateLimit()).isZero();
        assertThat(settings.faults()).isSameAs(FaultInjection.NONE);
        assertThat(settings.discardUploadContent()).isFalse();
    }

    @Test
    void aMissingSvixSecretIsGeneratedForEachBuild() {
        Settings.Builder builder = Settings.builder();
        String first = builder.build().svixSecret();
        assertThat(first).startsWith("whsec_").hasSizeGreaterThan("whsec_".length() + 20);
        assertThat(builder.build().svixSecret()).startsWith("whsec_").isNotEqualTo(first);
        assertThat(builder.svixSecret("whsec_given").build().svixSecret()).isEqualTo("whsec_given");
    }
}
