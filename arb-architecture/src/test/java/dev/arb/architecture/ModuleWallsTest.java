package dev.arb.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walls between modules: a package named {@code internal} belongs to the module whose root package holds it
 * ({@code dev.arb.vest.internal..} to {@code dev.arb.vest}), and no class outside that root may use it. Other
 * modules (the simulators, the bot, the backtester) use the venue modules' public API: the adapters, signers,
 * {@code VestSignedMessages}/{@code ParadexSignedMessages} for signature checks, the SBE codec package (the wire
 * format), and each venue's {@code VenueModule} from the registry for captured frames.
 *
 * <p>Scans the main classes of every module but arb-bench (its benchmarks time internals on purpose).
 */
class ModuleWallsTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.arb");
    }

    /** @return the root package of every {@code internal} package, e.g. {@code dev.arb.vest} */
    private static Set<String> internalOwners() {
        final Set<String> owners = new TreeSet<>();
        for (final JavaClass c : classes) {
            final String p = c.getPackageName();
            final int at = p.indexOf(".internal");
            if (at > 0 && (p.length() == at + ".internal".length() || p.charAt(at + ".internal".length()) == '.')) {
                owners.add(p.substring(0, at));
            }
        }
        return owners;
    }

    private static ArchRule wallAround(final String owner) {
        return noClasses().that().resideOutsideOfPackage(owner + "..")
            .should().dependOnClassesThat().resideInAPackage(owner + ".internal..")
            .as("no class outside " + owner + " uses " + owner + ".internal");
    }

    @Test
    void shouldFindTheVenueModulesInternalPackages() {
        assertThat(classes.size()).as("classes scanned").isGreaterThan(300);
        assertThat(internalOwners()).contains("dev.arb.vest", "dev.arb.paradex");
    }

    @Test
    void shouldKeepEveryInternalPackageToItsOwnModule() {
        final StringBuilder violations = new StringBuilder();
        for (final String owner : internalOwners()) {
            final EvaluationResult result = wallAround(owner).evaluate(classes);
            if (result.hasViolation()) {
                violations.append(result.getFailureReport().toString()).append('\n');
            }
        }
        assertThat(violations).as("imports of another module's internal package").isEmpty();
    }

    @Test
    void shouldCatchAClassThatCrossesAWall() {
        final JavaClasses crossing = new ClassFileImporter().importClasses(CrossesTheWall.class,
            dev.arb.vest.internal.VestDepthDecoder.class);
        assertThat(wallAround("dev.arb.vest").evaluate(crossing).hasViolation()).isTrue();
    }

    /** A class outside dev.arb.vest that uses its internal decoder: what the wall must refuse. */
    static final class CrossesTheWall {
        Object decoder() {
            return new dev.arb.vest.internal.VestDepthDecoder();
        }
    }
}
