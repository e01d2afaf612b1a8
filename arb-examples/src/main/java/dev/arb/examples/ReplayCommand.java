package dev.arb.examples;

import dev.arb.paradex.sbe.CaptureFormatException;
import dev.arb.paradex.sbe.ParadexReplay;
import dev.arb.spread.SpreadConfig;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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
 *   ({@link VestReplay}).</li>
 *   <li>Two files, one per venue: {@code arb replay --paradex-market BTC-USD-PERP --vest-market BTC-PERP
 *   PARADEX_FILE VEST_FILE} runs the spread calculator over the merged timeline and prints the opportunities
 *   it would have taken ({@link MergedReplay}).</li>
 * </ul>
 *
 * <p>Exit codes: 0 replayed, 1 malformed file (the message names the file and line), 2 bad arguments.
 *
 * <p><b>Note:</b> a command object; runs on the calling thread.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay recorded WebSocket sessions (JSON Lines) through the real decoders, books and spread "
        + "calculator.")
public final class ReplayCommand implements Callable<Integer> {
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
    public Integer call() throws IOException {
        if (files.size() == 2) {
            return merged();
        }
        if (!("paradex".equals(venue) || "vest".equals(venue)) || market == null) {
            System.err.println("error: one capture needs --venue paradex|vest --market SYMBOL; two captures are "
                + "PARADEX_FILE VEST_FILE");
            return 2;
        }
        final Path file = files.get(0);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if ("vest".equals(venue)) {
                VestReplay.run(in, market, System.out);
            } else {
                ParadexReplay.run(in, market, System.out);
            }
            System.out.flush();
            return 0;
        } catch (CaptureFormatException e) {
            System.out.flush();
            System.err.println("error: " + file + ": " + e.getMessage());
            return 1;
        } catch (NoSuchFileException e) {
            System.err.println("error: no such file: " + file);
            return 2;
        }
    }

    private int merged() throws IOException {
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
        try (Reader p = Files.newBufferedReader(paradexFile, StandardCharsets.UTF_8);
             Reader v = Files.newBufferedReader(vestFile, StandardCharsets.UTF_8)) {
            new MergedReplay(paradexMarket, vestMarket, config, minNetBps).run(p, v, System.out);
            System.out.flush();
            return 0;
        } catch (CaptureFormatException e) {
            System.out.flush();
            System.err.println("error: " + (e.getMessage().contains("vest capture") ? vestFile : paradexFile) + ": "
                + e.getMessage());
            return 1;
        } catch (NoSuchFileException e) {
            System.err.println("error: no such file: " + e.getFile());
            return 2;
        }
    }
}
