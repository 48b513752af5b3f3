package io.reductor.reactor.internal;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdaptiveLimitTest {

    @Test
    void grantsUpToTheLimitAndQueuesTheRestInOrder() {
        AdaptiveLimit limit = new AdaptiveLimit(2);
        List<AdaptiveLimit.Permit> granted = new ArrayList<>();
        limit.acquire().subscribe(granted::add);
        limit.acquire().subscribe(granted::add);
        List<String> waiting = new ArrayList<>();
        limit.acquire().subscribe(permit -> waiting.add("third"));

        assertThat(granted).hasSize(2);
        assertThat(waiting).isEmpty();
        assertThat(limit.inUse()).isEqualTo(2);

        granted.get(0).release(false);

        assertThat(waiting).containsExactly("third");
        assertThat(limit.inUse()).isEqualTo(2);
    }

    @Test
    void aRateLimitHalvesTheLimitAndSuccessesRaiseItByOnePerRound() {
        AdaptiveLimit limit = new AdaptiveLimit(16);

        release(limit, true);
        assertThat(limit.currentLimit()).isEqualTo(8);
        release(limit, true);
        release(limit, true);
        release(limit, true);
        release(limit, true);
        assertThat(limit.currentLimit()).as("never below one").isEqualTo(1);

        release(limit, false);
        assertThat(limit.currentLimit()).as("1 + 1/1").isEqualTo(2);
        release(limit, false);
        release(limit, false);
        assertThat(limit.currentLimit()).as("2 + 1/2 + 1/2.5").isEqualTo(2);
        for (int i = 0; i < 200; i++) {
            release(limit, false);
        }
        assertThat(limit.currentLimit()).as("capped at the maximum").isEqualTo(16);
    }

    @Test
    void aPermitReleasedTwiceCountsOnce() {
        AdaptiveLimit limit = new AdaptiveLimit(4);
        AdaptiveLimit.Permit permit = limit.acquire().block();

        permit.release(true);
        permit.release(true);

        assertThat(limit.inUse()).isZero();
        assertThat(limit.currentLimit()).isEqualTo(2);
    }

    @Test
    void aWaiterThatLeavesGivesUpItsPlace() {
        AdaptiveLimit limit = new AdaptiveLimit(1);
        AdaptiveLimit.Permit held = limit.acquire().block();
        List<String> served = new ArrayList<>();
        Disposable leaving = limit.acquire().subscribe(permit -> served.add("leaving"));
        limit.acquire().subscribe(permit -> served.add("staying"));

        leaving.dispose();
        held.release(false);

        assertThat(served).containsExactly("staying");
        assertThat(limit.inUse()).isEqualTo(1);
    }

    @Test
    void nothingIsGrantedBeforeSubscription() {
        AdaptiveLimit limit = new AdaptiveLimit(1);

        limit.acquire();

        assertThat(limit.inUse()).isZero();
        StepVerifier.create(limit.acquire()).expectNextCount(1).verifyComplete();
        assertThat(limit.inUse()).isEqualTo(1);
    }

    @Test
    void theMaximumMustBePositive() {
        assertThatThrownBy(() -> new AdaptiveLimit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    private static void release(AdaptiveLimit limit, boolean rateLimited) {
        limit.acquire().block().release(rateLimited);
    }
}
