package dev.arb.examples;

import dev.arb.paradex.sbe.CaptureFormatException;
import dev.arb.paradex.sbe.ParadexReplay;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code arb replay --venue paradex --market BTC-USD-PERP FILE}: feeds a JSON Lines capture of a
 * WebSocket session (one frame a line: {@code {"t_ns":…,"opcode":"text","text":"…"}} or
 * {@code {"t_ns":…,"opcode":"binary","b64":"…"}}) through the real decoder and book and prints one
 * line per frame that changed the top of book: {@code <seq> <bidPrice> <bidSize> <askPrice> <askSize>}
 * ({@code -} for an empty side), and {@code GAP <expected> <got>} when the sequence breaks.
 *
 * <p>Exit codes: 0 replayed, 1 malformed file (the message names the line), 2 bad arguments.
 *
 * <p><b>Note:</b> a command object; runs on the calling thread.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay a recorded WebSocket session (JSON Lines) through the real decoder and book.")
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--venue", required = true, description = "Venue of the capture (paradex).")
    String venue;

    @Option(names = "--market", required = true, description = "Market whose book to rebuild, e.g. BTC-USD-PERP.")
    String market;

    @Parameters(index = "0", description = "The JSON Lines capture.")
    Path file;

    @Override
    public Integer call() throws IOException {
        if (!"paradex".equals(venue)) {
            System.err.println("error: replay supports --venue paradex (SBE captures)");
            return 2;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ParadexReplay.run(in, market, System.out);
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
}
