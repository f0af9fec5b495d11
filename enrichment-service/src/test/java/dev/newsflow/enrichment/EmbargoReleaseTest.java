package dev.newsflow.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class EmbargoReleaseTest {

    @Test
    void aClaimOutlastsTheLongestSendOfTheDefaultProducer() {
        assertThat(EmbargoRelease.claim(new MockEnvironment())).isGreaterThan(Duration.ofSeconds(60 + 120));
    }

    @Test
    void aClaimOutlastsTheLongestSendOfAConfiguredProducer() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(EmbargoRelease.MAX_BLOCK, "300000")
                .withProperty(EmbargoRelease.DELIVERY_TIMEOUT, "600000");

        assertThat(EmbargoRelease.claim(environment)).isGreaterThan(Duration.ofMinutes(15));
    }

    @Test
    void thePauseBetweenFailedAttemptsDoublesUpToItsLongest() {
        assertThat(EmbargoRelease.backOff(1, Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(EmbargoRelease.backOff(4, Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(8));
        assertThat(EmbargoRelease.backOff(9, Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(EmbargoRelease.backOff(100, Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
    }
}
