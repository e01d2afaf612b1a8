package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The order-path settings of {@link ExecutorConfig}, kept in {@link OrderPathSettings}: defaults, setters, checks. */
class ExecutorConfigTest {
    private static ExecutorConfig.Builder builder() {
        return ExecutorConfig.builder().positionSizeBase(new BigDecimal("0.01"));
    }

    @Test
    void orderPathDefaults() {
        final ExecutorConfig c = builder().build();
        assertThat(c.orderTimeoutMs()).isEqualTo(5_000);
        assertThat(c.orderRetries()).isEqualTo(2);
        assertThat(c.lookupTimeoutMs()).isEqualTo(10_000);
        assertThat(c.journalBeforeSend()).isFalse();
    }

    @Test
    void orderPathSettersChainWithTheOtherSetters() {
        final ExecutorConfig c = builder().orderTimeoutMs(3_000).maxSkewMs(7).orderRetries(0).lookupTimeoutMs(1)
            .journalBeforeSend(true).slippageBps(3).build();
        assertThat(c.orderTimeoutMs()).isEqualTo(3_000);
        assertThat(c.orderRetries()).isZero();
        assertThat(c.lookupTimeoutMs()).isEqualTo(1);
        assertThat(c.journalBeforeSend()).isTrue();
        assertThat(c.maxSkewMs()).isEqualTo(7);
        assertThat(c.slippageBps()).isEqualTo(3);
        assertThat(c.toString()).contains("orderTimeoutMs=3000", "orderRetries=0", "lookupTimeoutMs=1",
            "journalBeforeSend=true");
    }

    @Test
    void orderPathSettersCheckWhenCalled() {
        final ExecutorConfig.Builder b = builder();
        assertThatThrownBy(() -> b.orderTimeoutMs(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("orderTimeoutMs must be ≥ 1: 0");
        assertThatThrownBy(() -> b.orderRetries(-1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("orderRetries must be ≥ 0: -1");
        assertThatThrownBy(() -> b.lookupTimeoutMs(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("lookupTimeoutMs must be ≥ 1: 0");
        assertThat(b.build().orderTimeoutMs()).as("a refused value leaves the setting as it was").isEqualTo(5_000);
    }

    @Test
    void inheritedSettersArePublicMembersOfTheBuilder() throws Exception {
        // callers outside this package cannot reach OrderPathSettings.AbstractBuilder: reflection must find the
        // setters on ExecutorConfig.Builder itself (javac's public bridges to non-final inherited methods)
        assertThat(ExecutorConfig.Builder.class.getMethod("orderTimeoutMs", long.class).getDeclaringClass())
            .isEqualTo(ExecutorConfig.Builder.class);
        assertThat(ExecutorConfig.Builder.class.getMethod("journalBeforeSend", boolean.class).getDeclaringClass())
            .isEqualTo(ExecutorConfig.Builder.class);
    }
}
