package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    private static final String SIGNING_KEY = "0xac2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb";

    private static Map<String, String> vestEnv() {
        final Map<String, String> env = new HashMap<>();
        env.put("VEST_PRIMARY_ADDR", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        env.put("VEST_SIGNING_KEY", SIGNING_KEY);
        env.put("VEST_API_KEY", "api-key-123");
        env.put("VEST_ACCOUNT_GROUP", "3");
        return env;
    }

    @Test
    void shouldReadValidVestCredentialsWithoutExposingSecrets() {
        final Credentials.Vest vest = Credentials.vest(vestEnv());
        assertThat(vest.accountGroup()).isEqualTo(3);
        assertThat(vest.primaryAddress()).isEqualTo("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        assertThat(vest.signingKey().reveal()).isEqualTo(SIGNING_KEY);
        assertThat(vest.toString()).doesNotContain(SIGNING_KEY.substring(2)).doesNotContain("api-key-123");
        assertThat(vest.primaryKey()).isNull();
    }

    @Test
    void shouldNameTheMissingVariable() {
        for (String name : new String[] {"VEST_PRIMARY_ADDR", "VEST_SIGNING_KEY", "VEST_API_KEY", "VEST_ACCOUNT_GROUP"}) {
            final Map<String, String> env = vestEnv();
            env.remove(name);
            assertThatThrownBy(() -> Credentials.vest(env)).isInstanceOf(Credentials.CredentialException.class)
                .hasMessageContaining(name).hasMessageContaining("not set");
        }
        assertThatThrownBy(() -> Credentials.paradex(Map.of("PARADEX_ACCOUNT_ADDRESS", "0x1")))
            .hasMessageContaining("PARADEX_PRIVATE_KEY");
    }

    @Test
    void shouldNameTheMalformedVariableWithoutItsValue() {
        final Map<String, String> env = vestEnv();
        final String bad = SIGNING_KEY.substring(0, 60);
        env.put("VEST_SIGNING_KEY", bad);
        assertThatThrownBy(() -> Credentials.vest(env)).hasMessageContaining("VEST_SIGNING_KEY")
            .hasMessageContaining("malformed").satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad));
        final Map<String, String> env2 = vestEnv();
        env2.put("VEST_PRIMARY_KEY", "0x1234");
        assertThatThrownBy(() -> Credentials.vest(env2)).hasMessageContaining("VEST_PRIMARY_KEY");
        final Map<String, String> env3 = vestEnv();
        env3.put("VEST_ACCOUNT_GROUP", "-1");
        assertThatThrownBy(() -> Credentials.vest(env3)).hasMessageContaining("VEST_ACCOUNT_GROUP");
        assertThatThrownBy(() -> Credentials.paradex(Map.of("PARADEX_ACCOUNT_ADDRESS", "0x1", "PARADEX_PRIVATE_KEY", "nothex")))
            .hasMessageContaining("PARADEX_PRIVATE_KEY").satisfies(e -> assertThat(e.getMessage()).doesNotContain("nothex"));
    }

    @Test
    void shouldRefuseWellFormedKeysOutsideTheirCurveRangesWithoutEchoingThem() {
        for (String bad : new String[] {"0x" + "00".repeat(32), "0x" + "ff".repeat(32),
            "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"}) {
            final Map<String, String> env = vestEnv();
            env.put("VEST_SIGNING_KEY", bad);
            assertThatThrownBy(() -> Credentials.vest(env)).isInstanceOf(Credentials.CredentialException.class)
                .hasMessageContaining("VEST_SIGNING_KEY").hasMessageContaining("out of range")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad.substring(2, 20)));
        }
        final Map<String, String> env = vestEnv();
        env.put("VEST_SIGNING_KEY", "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140");
        assertThat(Credentials.vest(env).signingKey().reveal()).as("n - 1 is a key").endsWith("4140");
        assertThatThrownBy(() -> Credentials.paradex(Map.of("PARADEX_ACCOUNT_ADDRESS", "0x1", "PARADEX_PRIVATE_KEY", "0x0")))
            .hasMessageContaining("PARADEX_PRIVATE_KEY").hasMessageContaining("out of range");
        assertThatThrownBy(() -> Credentials.paradex(Map.of("PARADEX_ACCOUNT_ADDRESS", "0x1", "PARADEX_PRIVATE_KEY",
            "0x0800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2f")))
            .hasMessageContaining("PARADEX_PRIVATE_KEY").hasMessageContaining("out of range");
        final String aboveThePrime = "0x0800000000000011000000000000000000000000000000000000000000000001";
        assertThatThrownBy(() -> Credentials.paradex(Map.of("PARADEX_ACCOUNT_ADDRESS", aboveThePrime,
            "PARADEX_PRIVATE_KEY", "0x5678")))
            .hasMessageContaining("PARADEX_ACCOUNT_ADDRESS").hasMessageContaining("out of range")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(aboveThePrime.substring(2)));
        assertThat(Credentials.paradex(Map.of("PARADEX_ACCOUNT_ADDRESS",
            "0x0800000000000011000000000000000000000000000000000000000000000000", "PARADEX_PRIVATE_KEY", "0x5678"))
            .accountAddress()).as("the prime - 1 is a field element").endsWith("000");
    }
}
