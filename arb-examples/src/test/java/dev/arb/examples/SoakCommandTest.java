package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CI variant of {@code arb soak}: two bots for 45 s with a fault every ~3 s, sampled every 5 s. It
 * passes only if memory, threads and descriptors stayed flat and no GC pause delayed a decision.
 */
class SoakCommandTest {
    @Test
    void shouldSoakTwoBotsUnderRandomFaultsWithoutGrowth(@TempDir final Path dir) throws Exception {
        final Path json = dir.resolve("soak.json");
        final int code = new CommandLine(new Main()).execute("soak", "--duration", "45s", "--sample", "5s", "--bots",
            "2", "--fault-every", "3s", "--seed", "3", "--json", json.toString());
        final JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("verdict").get("failures")).as("soak verdict").isEmpty();
        assertThat(code).isZero();
        assertThat(root.get("samples").size()).isGreaterThanOrEqualTo(9);
        assertThat(root.get("faultsInjected").asLong()).as("faults injected").isGreaterThanOrEqualTo(5);
        final JsonNode first = root.get("samples").get(0);
        assertThat(first.get("heapAfterGcBytes").asLong()).isPositive();
        assertThat(first.get("threads").asInt()).isPositive();
        assertThat(first.get("journalBytes").asLong()).isPositive();
    }
}
