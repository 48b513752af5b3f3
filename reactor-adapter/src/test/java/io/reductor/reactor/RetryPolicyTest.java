package io.reductor.reactor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retry policy as a value: defaults, copies, argument checks and the backoff arithmetic. */
class RetryPolicyTest {

    private static final RetryPolicy DEFAULTS = RetryPolicy.defaults();

    @Test
    void defaultsFollowTheOfficialSdks() {
        assertThat(DEFAULTS.maxRetries()).isEqualTo(2);
        assertThat(DEFAULTS.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(DEFAULTS.maxBackoff()).isEqualTo(Duration.ofSeconds(8));
        assertThat(DEFAULTS.jitter()).isEqualTo(0.25);
        assertThat(DEFAULTS.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(DEFAULTS.retryAmbiguousJobCreation()).isFalse();
        assertThat(RetryPolicy.none().maxRetries()).isZero();
        assertThat(RetryPolicy.none()).isEqualTo(DEFAULTS.withMaxRetries(0).withMaxRateLimitWait(Duration.ZERO));
        assertThat(DEFAULTS.maxRateLimitWait()).isEqualTo(Duration.ofMinutes(10));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 501, 502, 503, 504, 599})
    void retryableStatuses(int status) {
        assertThat(DEFAULTS.isRetryableStatus(status)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 302, 400, 401, 403, 404, 405, 410, 413, 422, 442, 499, 600})
    void statusesThatAreNotRetried(int status) {
        assertThat(DEFAULTS.isRetryableStatus(status)).isFalse();
    }

    @Test
    void everyWitherReturnsAChangedCopyAndLeavesTheOriginalAlone() {
        RetryPolicy changed = DEFAULTS.withMaxRetries(5)
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(3))
                .withJitter(0.5)
                .withMaxRetryAfter(Duration.ofSeconds(5))
                .withRetryAmbiguousJobCreation(true);

        assertThat(changed).isNotSameAs(DEFAULTS).isNotEqualTo(DEFAULTS);
        assertThat(changed.maxRetries()).isEqualTo(5);
        assertThat(changed.initialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(changed.maxBackoff()).isEqualTo(Duration.ofSeconds(3));
        assertThat(changed.jitter()).isEqualTo(0.5);
        assertThat(changed.maxRetryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(changed.retryAmbiguousJobCreation()).isTrue();

        // the shared defaults are untouched
        assertThat(RetryPolicy.defaults()).isSameAs(DEFAULTS);
        assertThat(DEFAULTS.maxRetries()).isEqualTo(2);
        assertThat(DEFAULTS.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(DEFAULTS.maxBackoff()).isEqualTo(Duration.ofSeconds(8));
        assertThat(DEFAULTS.jitter()).isEqualTo(0.25);
        assertThat(DEFAULTS.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(DEFAULTS.retryAmbiguousJobCreation()).isFalse();
    }

    @Test
    void eachWitherChangesOnlyItsOwnSetting() {
        assertThat(DEFAULTS.withMaxRetries(4)).isNotSameAs(DEFAULTS)
                .isEqualTo(DEFAULTS.withMaxRetries(4))
                .satisfies(p -> assertThat(p.initialBackoff()).isEqualTo(DEFAULTS.initialBackoff()));
        RetryPolicy jitterless = DEFAULTS.withJitter(0);
        assertThat(jitterless.maxRetries()).isEqualTo(2);
        assertThat(jitterless.maxBackoff()).isEqualTo(Duration.ofSeconds(8));
        RetryPolicy ambiguous = DEFAULTS.withRetryAmbiguousJobCreation(true);
        assertThat(ambiguous.withRetryAmbiguousJobCreation(false)).isEqualTo(DEFAULTS).isNotSameAs(DEFAULTS);
        assertThat(ambiguous.isRetryableStatus(503)).isTrue();
        assertThat(ambiguous.isRetryableStatus(400)).isFalse();
    }

    @Test
    void equalPoliciesHaveEqualHashCodes() {
        RetryPolicy a = DEFAULTS.withMaxRetries(3).withJitter(0.1);
        RetryPolicy b = RetryPolicy.none().withJitter(0.1).withMaxRetries(3)
                .withMaxRateLimitWait(DEFAULTS.maxRateLimitWait());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(a.withJitter(0.2)).isNotEqualTo(a.withMaxRateLimitWait(Duration.ZERO))
                .isNotEqualTo(null).isNotEqualTo("RetryPolicy");
    }

    @Test
    void toStringShowsTheSettings() {
        assertThat(DEFAULTS.toString())
                .contains("maxRetries=2", "PT0.5S", "PT8S", "jitter=0.25", "maxRetryAfter=PT1M",
                        "[408, 409, 429]+5xx", "retryAmbiguousJobCreation=false");
    }

    // --- argument checks -------------------------------------------------------------------------------------------

    @Test
    void negativeRetriesAreRefused() {
        assertThatThrownBy(() -> DEFAULTS.withMaxRetries(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRetries must be at least 0 but was -1");
    }

    @Test
    void backoffsMustBePositiveAndOrdered() {
        assertThatThrownBy(() -> DEFAULTS.withBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initial backoff must be positive but was PT0S");
        assertThatThrownBy(() -> DEFAULTS.withBackoff(Duration.ofMillis(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initial backoff must be positive but was PT-0.001S");
        assertThatThrownBy(() -> DEFAULTS.withBackoff(Duration.ofMillis(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max backoff must be positive but was PT0S");
        assertThatThrownBy(() -> DEFAULTS.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max backoff (PT1S) must not be shorter than the initial backoff (PT2S)");
        assertThatThrownBy(() -> DEFAULTS.withBackoff(null, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("initial backoff");
        assertThatThrownBy(() -> DEFAULTS.withBackoff(Duration.ofSeconds(1), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("max backoff");
        // equal bounds are fine: a constant backoff
        assertThat(DEFAULTS.withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).withJitter(0).backoff(5, 0))
                .isEqualTo(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void jitterOutsideZeroToOneIsRefused(double jitter) {
        assertThatThrownBy(() -> DEFAULTS.withJitter(jitter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jitter must be between 0 and 1 but was " + jitter);
    }

    @Test
    void jitterBoundsAreAccepted() {
        assertThat(DEFAULTS.withJitter(0).jitter()).isZero();
        assertThat(DEFAULTS.withJitter(1).jitter()).isEqualTo(1.0);
    }

    @Test
    void maxRetryAfterMustNotBeNegative() {
        assertThatThrownBy(() -> DEFAULTS.withMaxRetryAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRetryAfter must not be negative but was PT-1S");
        assertThatThrownBy(() -> DEFAULTS.withMaxRetryAfter(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("maxRetryAfter");
        assertThat(DEFAULTS.withMaxRetryAfter(Duration.ZERO).maxRetryAfter()).isZero();
    }

    @Test
    void negativeRetryNumberIsRefused() {
        assertThatThrownBy(() -> DEFAULTS.backoff(-1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry must be at least 0 but was -1");
    }

    // --- backoff arithmetic ----------------------------------------------------------------------------------------

    @Test
    void backoffDoublesFromHalfASecondUpToEightSeconds() {
        assertThat(DEFAULTS.backoff(0, 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(DEFAULTS.backoff(1, 0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(DEFAULTS.backoff(2, 0)).isEqualTo(Duration.ofMillis(2000));
        assertThat(DEFAULTS.backoff(3, 0)).isEqualTo(Duration.ofMillis(4000));
        assertThat(DEFAULTS.backoff(4, 0)).isEqualTo(Duration.ofMillis(8000));
        assertThat(DEFAULTS.backoff(5, 0)).isEqualTo(Duration.ofMillis(8000));
        assertThat(DEFAULTS.backoff(20, 0)).isEqualTo(Duration.ofMillis(8000));
    }

    @Test
    void jitterShortensByAtMostAQuarter() {
        // random 0.999 takes nearly the whole 25 %: 500 * (1 - 0.25 * 0.999) = 375.125
        assertThat(DEFAULTS.backoff(0, 0.999)).isEqualTo(Duration.ofMillis(375));
        assertThat(DEFAULTS.backoff(1, 0.999)).isEqualTo(Duration.ofMillis(750));
        assertThat(DEFAULTS.backoff(4, 0.999)).isEqualTo(Duration.ofMillis(6002));
        assertThat(DEFAULTS.backoff(1, 0.5)).isEqualTo(Duration.ofMillis(875));
        for (int retry = 0; retry < 8; retry++) {
            long full = DEFAULTS.backoff(retry, 0).toMillis();
            for (double random = 0; random < 1; random += 0.125) {
                assertThat(DEFAULTS.backoff(retry, random).toMillis()).isBetween(full * 3 / 4, full);
            }
        }
        assertThat(DEFAULTS.withJitter(0).backoff(1, 0.999)).isEqualTo(Duration.ofMillis(1000));
        assertThat(DEFAULTS.withJitter(1).backoff(1, 0.5)).isEqualTo(Duration.ofMillis(500));
    }

    @ParameterizedTest
    @ValueSource(ints = {30, 40, 52, 53, 54, 55, 60, 61, 62, 63, 64, 100, 1_000, Integer.MAX_VALUE})
    void largeRetryNumbersStayAtTheCapWithDefaultBackoff(int retry) {
        assertThat(DEFAULTS.backoff(retry, 0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(DEFAULTS.withMaxRetries(Integer.MAX_VALUE).backoff(retry, 0.999).toMillis()).isEqualTo(6002);
    }

    @Test
    void hugeBackoffsDoNotOverflow() {
        RetryPolicy longWaits = DEFAULTS.withBackoff(Duration.ofHours(1), Duration.ofDays(1)).withJitter(0);
        assertThat(longWaits.backoff(0, 0)).isEqualTo(Duration.ofHours(1));
        assertThat(longWaits.backoff(4, 0)).isEqualTo(Duration.ofHours(16));
        assertThat(longWaits.backoff(5, 0)).isEqualTo(Duration.ofDays(1));
        assertThat(longWaits.backoff(40, 0)).isEqualTo(Duration.ofDays(1));
        assertThat(longWaits.backoff(70, 0)).isEqualTo(Duration.ofDays(1));
    }

    /**
     * {@code backoff} detects overflow of {@code base << retry} by a negative result, but a shift that overflows can
     * also give 0 (or any positive value): for a base whose lowest set bit is at position p, every retry with
     * p + retry >= 64 shifts all bits out. A 1 s initial backoff (1000 = 0b1111101000, p = 3) gives 0 at retry 61, a
     * 1024 ms one gives 0 from retry 54 on, so a policy with many retries would retry in a tight loop.
     */
    @ParameterizedTest
    @ValueSource(ints = {54, 55, 56, 60, 61})
    void largeRetryNumbersStayAtTheCapWhateverTheInitialBackoff(int retry) {
        assertThat(DEFAULTS.withBackoff(Duration.ofMillis(1024), Duration.ofSeconds(8)).backoff(retry, 0))
                .isEqualTo(Duration.ofSeconds(8));
        assertThat(DEFAULTS.withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8)).backoff(61, 0))
                .isEqualTo(Duration.ofSeconds(8));
        assertThat(DEFAULTS.withBackoff(Duration.ofMillis(8), Duration.ofSeconds(8)).backoff(61, 0))
                .isEqualTo(Duration.ofSeconds(8));
    }

    /** A maximum backoff beyond a day is refused up front rather than overflowing later. */
    @Test
    void aHugeMaxBackoffIsRefusedWithTheLimitNamed() {
        assertThatThrownBy(() -> DEFAULTS.withBackoff(Duration.ofMillis(500), Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max backoff must be at most PT24H");
        assertThat(DEFAULTS.withBackoff(Duration.ofMillis(500), RetryPolicy.LONGEST_BACKOFF).withJitter(0)
                .backoff(100, 0)).isEqualTo(RetryPolicy.LONGEST_BACKOFF);
    }
}
