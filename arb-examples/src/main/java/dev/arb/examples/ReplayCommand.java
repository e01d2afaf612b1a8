package dev.arb.examples;

import dev.arb.api.spi.VenueRegistry;
import dev.arb.capture.CaptureFormatException;
import dev.arb.spread.SpreadConfig;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code arb replay}: feeds JSON Lines captures of WebSocket sessions (one frame a line:
 * {@code {"t_ns":…,"opcode":"text","text":"…"}} or {@code {"t_ns":…,"opcode":"binary","b64":"…"}}, as written
 * by {@code arb record}) through the real decoders and books.
 *
 * <ul>
 *   <li>One file: {@code arb replay --venue paradex --market BTC-USD-PERP FILE} prints one line per frame that
 *   changed the top of book: {@code <seq> <bidPrice> <bidSize> <askPrice> <askSize>} ({@code -} for an empty
 *   side), and {@code GAP <expected> <got>} when the sequence breaks. {@code --venue vest --market BTC-PERP FILE}
 *   does the same for Vest {@code @depth} snapshots, the line starting with the frame's {@code t_ns}
 *   ({@link TopOfBookReplay}, which any registered venue can use).</li>
 *   <li>Two files, one per venue: {@code arb replay --paradex-market BTC-USD-PERP --vest-market BTC-PERP
 *   PARADEX_FILE VEST_FILE} runs the spread calculator over the merged timeline and prints the opportunities
 *   it would have taken ({@link MergedReplay}).</li>
 * </ul>
 *
 * <p>Before replaying, each file must be a readable regular file with at least one frame, and its first frames
 * must match its place ({@link CaptureProbe}): {@code --venue}'s venue for one capture, Paradex then Vest for
 * two. A line that is not a frame record or not valid UTF-8 stops the replay with one line naming the file and
 * line, after the output of the frames before it.
 *
 * <p>Exit codes: 0 replayed, 1 an empty or malformed file (the message names the file and line), 2 bad
 * arguments (a missing file, a directory, captures in the wrong order or of the wrong venue).
 *
 * <p><b>Note:</b> a command object; runs on the calling thread.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay recorded WebSocket sessions (JSON Lines) through the real decoders, books and spread "
        + "calculator.")
public final class ReplayCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayCommand.class);

    @Option(names = "--venue", description = "Venue of a single capture (paradex or vest).")
    String venue;

    @Option(names = "--market",
        description = "Market whose book to rebuild (single capture), e.g. BTC-USD-PERP or BTC-PERP.")
    String market;

    @Option(names = "--paradex-market", defaultValue = "BTC-USD-PERP", description = "Paradex market (two captures).")
    String paradexMarket;

    @Option(names = "--vest-market", defaultValue = "BTC-PERP", description = "Vest market (two captures).")
    String vestMarket;

    @Option(names = "--paradex-fee-bps", defaultValue = "3", description = "Paradex taker fee, bps (default 3).")
    double paradexFeeBps;

    @Option(names = "--vest-fee-bps", defaultValue = "1", description = "Vest taker fee, bps (default 1).")
    double vestFeeBps;

    @Option(names = "--min-net-bps", defaultValue = "0",
        description = "Net spread after both taker fees, bps, at or above which an entry is taken (default 0).")
    double minNetBps;

    @Option(names = "--size", defaultValue = "0",
        description = "Size in base units the spread is measured for (VWAP); 0 = top of book.")
    BigDecimal size;

    @Option(names = "--max-book-age-ms", defaultValue = "5000",
        description = "Books older than this (recording time) are not used, ms (default 5000).")
    long maxBookAgeMs;

    @Parameters(arity = "1..2", description = "One capture (with --venue/--market), or PARADEX_FILE VEST_FILE.")
    List<Path> files;

    @Override
    public Integer call() {
        if (files.size() == 2) {
            return merged();
        }
        if (venue == null || !VenueRegistry.names().contains(venue) || market == null) {
            System.err.println("error: one capture needs --venue " + String.join("|", VenueRegistry.names())
                + " --market SYMBOL; two captures are PARADEX_FILE VEST_FILE");
            return 2;
        }
        final Path file = files.get(0);
        final Integer bad = checkFiles(List.of(file));
        if (bad != null) {
            return bad;
        }
        final CaptureProbe.Venue seen = probe(file);
        if (seen == null) {
            return 1;
        }
        if ((seen == CaptureProbe.Venue.PARADEX || seen == CaptureProbe.Venue.VEST) && !seen.cliName().equals(venue)) {
            System.err.println("error: " + file + " looks like a " + seen.cliName() + " capture, but --venue " + venue
                + " was given; use --venue " + seen.cliName() + " (with that venue's --market)");
            return 2;
        }
        try (Reader in = new Utf8LineReader(Files.newInputStream(file))) {
            if ("paradex".equals(venue)) {
                ParadexReplay.run(in, market, System.out); // its own diagnostic format: sequence numbers, SBE only
            } else {
                TopOfBookReplay.run(in, venue, market, System.out);
            }
            System.out.flush();
            return 0;
        } catch (final CaptureFormatException e) {
            return fail(file + ": " + e.getMessage(), e);
        } catch (final Utf8LineReader.InvalidUtf8Exception e) {
            return fail(file + ": " + e.getMessage() + "; the frames before it were replayed", e);
        } catch (final IOException e) {
            return fail("reading " + file + " failed: " + e.getMessage(), e);
        }
    }

    private int merged() {
        final String badOption = !Double.isFinite(paradexFeeBps) ? "--paradex-fee-bps must be a finite number"
            : !Double.isFinite(vestFeeBps) ? "--vest-fee-bps must be a finite number"
            : !Double.isFinite(minNetBps) ? "--min-net-bps must be a finite number"
            : size.signum() < 0 ? "--size must be >= 0 (base units; 0 = top of book)"
            : maxBookAgeMs < 0 ? "--max-book-age-ms must be >= 0" : null;
        if (badOption != null) {
            System.err.println("error: " + badOption);
            return 2;
        }
        final SpreadConfig config;
        try {
            config = SpreadConfig.builder().takerFeeBpsA(vestFeeBps).takerFeeBpsB(paradexFeeBps).sizeBase(size)
                .maxBookAgeMs(maxBookAgeMs).build();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        final Path paradexFile = files.get(0);
        final Path vestFile = files.get(1);
        final Integer bad = checkFiles(files);
        if (bad != null) {
            return bad;
        }
        final CaptureProbe.Venue first = probe(paradexFile);
        final CaptureProbe.Venue second = first == null ? null : probe(vestFile);
        if (second == null) {
            return 1;
        }
        final String order = orderProblem(paradexFile, first, vestFile, second);
        if (order != null) {
            System.err.println("error: " + order);
            return 2;
        }
        try (Reader p = new Utf8LineReader(Files.newInputStream(paradexFile));
             Reader v = new Utf8LineReader(Files.newInputStream(vestFile))) {
            new MergedReplay(paradexMarket, vestMarket, config, minNetBps).run(p, v, System.out);
            System.out.flush();
            return 0;
        } catch (final CaptureLineException e) {
            return fail(("vest".equals(e.venue()) ? vestFile : paradexFile) + ": " + e.getMessage()
                + "; the frames before it were replayed", e);
        } catch (final IOException e) {
            return fail("reading the captures failed: " + e.getMessage(), e);
        }
    }

    /**
     * @return null if the first file is not a Vest capture and the second not a Paradex one (as far as their first
     *     frames tell), else the line that says what is wrong
     */
    static String orderProblem(final Path paradexFile, final CaptureProbe.Venue first, final Path vestFile,
        final CaptureProbe.Venue second) {
        final CaptureProbe.Venue paradex = CaptureProbe.Venue.PARADEX;
        final CaptureProbe.Venue vest = CaptureProbe.Venue.VEST;
        if (first == vest && second == paradex) {
            return "the captures are in the wrong order: " + paradexFile + " is a Vest capture and " + vestFile
                + " a Paradex one; give the Paradex capture first: arb replay " + vestFile + ' ' + paradexFile;
        }
        if (first == second && (first == paradex || first == vest)) {
            return "both captures look like " + first.cliName() + " captures (" + paradexFile + ", " + vestFile
                + "); give one of each: PARADEX_FILE VEST_FILE";
        }
        if (first == vest) {
            return paradexFile + " looks like a Vest capture; the first capture must be Paradex's: PARADEX_FILE "
                + "VEST_FILE";
        }
        if (second == paradex) {
            return vestFile + " looks like a Paradex capture; the second capture must be Vest's: PARADEX_FILE "
                + "VEST_FILE";
        }
        return null;
    }

    /** @return null if every file is a readable regular file, else the exit code after printing why not */
    private static Integer checkFiles(final List<Path> paths) {
        for (Path file : paths) {
            if (Files.isDirectory(file)) {
                final boolean recorded = Files.exists(file.resolve("paradex.jsonl"))
                    || Files.exists(file.resolve("vest.jsonl"));
                System.err.println("error: " + file + " is a directory, not a capture file" + (recorded
                    ? "; give its files: " + file.resolve("paradex.jsonl") + ' ' + file.resolve("vest.jsonl") : ""));
                return 2;
            }
            if (!Files.exists(file)) {
                System.err.println("error: no such file: " + file);
                return 2;
            }
            if (!Files.isReadable(file)) {
                System.err.println("error: cannot read " + file + " (permission denied)");
                return 2;
            }
        }
        return null;
    }

    /** @return whose capture the file looks like, or null after printing why it cannot be replayed */
    private static CaptureProbe.Venue probe(final Path file) {
        final CaptureProbe.Venue seen;
        try {
            seen = CaptureProbe.probe(file);
        } catch (final IOException e) {
            fail("reading " + file + " failed: " + e.getMessage(), e);
            return null;
        }
        if (seen == CaptureProbe.Venue.EMPTY) {
            System.err.println("error: " + file + " is an empty capture (no frames); record one with 'arb record "
                + "--out DIR' (add --sim to record the simulators)");
            return null;
        }
        return seen;
    }

    /** Flushes the frames printed so far, then prints the one line; the trace only at DEBUG. */
    private static int fail(final String line, final Exception e) {
        System.out.flush();
        System.err.println("error: " + line);
        LOG.debug("replay failed", e);
        return 1;
    }
}
