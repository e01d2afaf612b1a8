package dev.arb.examples;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.arb.api.spi.VenueRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's YAML configuration: venues, the per-venue symbol of each pair, and a list of bots.
 *
 * <pre>
 * venues:
 *   vest:    { env: production }          # production | testnet; optional rest_url / ws_url overrides
 *   paradex: { env: production }
 * markets:
 *   BTC: { vest: BTC-PERP, paradex: BTC-USD-PERP }
 * bots:
 *   - id: btc-vest-paradex
 *     pair: BTC
 *     dex_a: vest
 *     dex_b: paradex
 *     spread_entry: 0.15     # percent, entry spread net of both entry taker fees (plus expected funding)
 *     spread_exit: -0.05     # percent, closing spread net of both exit taker fees at which the position is closed
 *     leverage: 5
 *     position_size: 0.01    # base units per entry
 * strategy:                 # optional; the built-in threshold-spread strategy without it
 *   source: strategies/ThresholdSpread.java   # compiled at start, recompiled when saved; or
 *   # class: com.example.MyStrategy           # a class on the classpath
 *   params: { funding_horizon_h: 8 }          # the strategy's own parameters
 * </pre>
 *
 * <p>Unknown keys are errors (a typo must not silently fall back to a default).
 *
 * <p><b>Note:</b> immutable once loaded; thread-safe.
 *
 * @param venues  per-venue endpoint settings, keyed {@code vest} / {@code paradex}
 * @param markets per pair, the venue symbols, e.g. {@code BTC -> {vest: BTC-PERP, paradex: BTC-USD-PERP}}
 * @param bots    the bots to run
 * @param strategy the strategy every bot runs, or null for the built-in one
 */
public record BotConfig(Map<String, VenueSettings> venues, Map<String, Map<String, String>> markets, List<Bot> bots,
    StrategySettings strategy) {
    /**
     * The venues the bot knows: the venue modules on the class path ({@link VenueRegistry}), e.g.
     * {@code [paradex, vest]}.
     */
    public static final Set<String> KNOWN_VENUES = VenueRegistry.names();

    /**
     * Largest {@code |spread_entry|} or {@code |spread_exit|} taken without a warning, percent: spreads between
     * the two venues are a few hundredths of a percent, so 150 is almost surely bps or a typo (accepted, warned).
     */
    public static final BigDecimal PLAUSIBLE_SPREAD_PCT = BigDecimal.valueOf(5);

    private static final Logger LOG = LoggerFactory.getLogger(BotConfig.class);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * Endpoint settings of one venue.
     *
     * @param env     {@code production} or {@code testnet}
     * @param restUrl optional REST base URL override
     * @param wsUrl   optional WebSocket URL override
     */
    public record VenueSettings(String env, @JsonProperty("rest_url") String restUrl,
        @JsonProperty("ws_url") String wsUrl) {
    }

    /**
     * The strategy the bots run: a Java source file compiled at start (and again whenever it is saved),
     * or a class on the classpath; plus values of its parameters.
     *
     * @param source    path of a {@code .java} file (relative to the working directory), or null
     * @param className fully qualified name of a class with a public no-argument constructor, or null
     * @param params    values of the strategy's declared parameters, as text, or null
     */
    public record StrategySettings(String source, @JsonProperty("class") String className, Map<String, String> params) {
        /** @return the parameter values, never null */
        public Map<String, String> paramsOrEmpty() {
            return params == null ? Map.of() : params;
        }
    }

    /**
     * One bot: trade {@code pair} between {@code dex_a} and {@code dex_b}.
     *
     * @param id            unique name
     * @param pair          key into {@link BotConfig#markets()}
     * @param dexA          venue A ({@code vest} or {@code paradex})
     * @param dexB          venue B
     * @param spreadEntry   entry threshold, percent, net of both entry taker fees (plus expected funding)
     * @param spreadExit    exit threshold, percent: close when the closing spread net of both exit taker fees ≥ this
     * @param leverage      venue leverage to trade with
     * @param positionSize  base units per entry
     * @param slippageBps   IOC limit bound beyond the touch, bps (default 10)
     * @param maxBookAgeMs  deprecated per-bot quote-age gate, ms, or null: when set it replaces
     *                      {@code execution.max_quote_age_ms} for this bot (warned at load)
     */
    public record Bot(String id, String pair, @JsonProperty("dex_a") String dexA, @JsonProperty("dex_b") String dexB,
        @JsonProperty("spread_entry") BigDecimal spreadEntry, @JsonProperty("spread_exit") BigDecimal spreadExit,
        Integer leverage, @JsonProperty("position_size") BigDecimal positionSize,
        @JsonProperty("slippage_bps") BigDecimal slippageBps, @JsonProperty("max_book_age_ms") Long maxBookAgeMs) {

        /** @return the slippage bound, bps */
        public double slippageBpsOrDefault() {
            return slippageBps == null ? 10.0 : slippageBps.doubleValue();
        }
    }

    /**
     * @param pair  a key of {@link #markets()}
     * @param venue venue name
     * @return the venue's symbol for the pair
     */
    public String symbol(final String pair, final String venue) {
        return markets.get(pair).get(venue);
    }

    /**
     * Reads and validates a YAML file.
     *
     * @param file path of the YAML file
     * @return the validated configuration
     * @throws ConfigException naming the file and the problem, if unreadable or invalid
     */
    public static BotConfig load(final Path file) {
        final String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read config " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /**
     * Parses and validates YAML text.
     *
     * @param yaml   the YAML document
     * @param origin name used in error messages
     * @return the validated configuration
     * @throws ConfigException if the YAML is malformed or a value is invalid
     */
    public static BotConfig parse(final String yaml, final String origin) {
        final BotConfig config;
        try {
            config = YAML.readValue(yaml, BotConfig.class);
        } catch (JsonProcessingException e) {
            throw YamlErrors.of(origin, e);
        }
        if (config == null) {
            throw new ConfigException(origin + ": empty config");
        }
        config.validate(origin);
        for (String warning : config.warnings()) {
            LOG.warn("{}: {}", origin, warning);
        }
        return config;
    }

    /**
     * Values that are valid but probably not what the user meant; {@link #parse} logs each at WARN.
     *
     * @return one line per doubtful value, naming its YAML key ({@code bots[0].spread_entry is 150 %, above ±5 %…});
     *     empty if none
     */
    public List<String> warnings() {
        final List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < bots.size(); i++) {
            final Bot b = bots.get(i);
            doubtfulSpread(out, "bots[" + i + "].spread_entry", b.spreadEntry());
            doubtfulSpread(out, "bots[" + i + "].spread_exit", b.spreadExit());
            if (b.maxBookAgeMs() != null) {
                out.add("bots[" + i + "].max_book_age_ms is deprecated: the one quote-age gate is "
                    + "execution.max_quote_age_ms; this bot still uses " + b.maxBookAgeMs() + " ms");
            }
        }
        return out;
    }

    private static void doubtfulSpread(final List<String> out, final String key, final BigDecimal pct) {
        if (pct != null && pct.abs().compareTo(PLAUSIBLE_SPREAD_PCT) > 0) {
            // a huge exponent (1e999999999, found by fuzzing) is printed in scientific form: the plain string of
            // it would be a billion digits
            final String shown = pct.abs().compareTo(BigDecimal.valueOf(1_000_000)) > 0
                ? pct.round(new java.math.MathContext(3)).toString() : pct.toPlainString();
            out.add(key + " is " + shown + " %, above ±" + PLAUSIBLE_SPREAD_PCT + " %: it is a percent "
                + "(0.15 means 0.15 %, not bps); accepted");
        }
    }

    private void validate(final String origin) {
        if (strategy != null && strategy.source() != null && strategy.className() != null) {
            throw new ConfigException(origin + ": strategy takes either 'source' or 'class', not both");
        }
        if (strategy != null && strategy.source() != null && !strategy.source().endsWith(".java")) {
            throw new ConfigException(origin + ": strategy.source must be a .java file: " + strategy.source());
        }
        if (bots == null || bots.isEmpty()) {
            throw new ConfigException(origin + ": 'bots' must list at least one bot");
        }
        if (markets == null || markets.isEmpty()) {
            throw new ConfigException(origin + ": 'markets' must map each pair to its venue symbols");
        }
        for (Map.Entry<String, Map<String, String>> m : markets.entrySet()) {
            // "markets: {BTC: }" parsed to a null map and reached markets.get(pair).get(venue) (found by fuzzing)
            if (m.getValue() == null || m.getValue().isEmpty()) {
                throw new ConfigException(origin + ": markets." + m.getKey() + " must map each venue to its symbol, "
                    + "e.g. vest: BTC-PERP, paradex: BTC-USD-PERP");
            }
        }
        if (venues != null) {
            for (Map.Entry<String, VenueSettings> v : venues.entrySet()) {
                if (!KNOWN_VENUES.contains(v.getKey())) {
                    throw new ConfigException(origin + ": unknown venue '" + v.getKey() + "' under 'venues' (known: "
                        + String.join(", ", KNOWN_VENUES) + ')');
                }
                final String env = v.getValue() == null ? null : v.getValue().env();
                if (env != null && !env.equals("production") && !env.equals("testnet")) {
                    throw new ConfigException(origin + ": venues." + v.getKey() + ".env must be production or testnet");
                }
            }
        }
        final Set<String> ids = new HashSet<>();
        for (int i = 0; i < bots.size(); i++) {
            final Bot b = bots.get(i);
            final String at = origin + ": bots[" + i + "]";
            if (b == null) {
                throw new ConfigException(at + " is empty");
            }
            require(b.id() != null && !b.id().isBlank(), at + ".id is required");
            require(ids.add(b.id()), at + ".id '" + b.id() + "' is not unique");
            require(b.pair() != null && markets.containsKey(b.pair()), at + ".pair must be a key of 'markets'");
            // a missing dex_a/dex_b reached Set.contains(null): a NullPointerException (found by fuzzing)
            require(b.dexA() != null && KNOWN_VENUES.contains(b.dexA()), at + ".dex_a must be one of " + String.join(", ", KNOWN_VENUES));
            require(b.dexB() != null && KNOWN_VENUES.contains(b.dexB()), at + ".dex_b must be one of " + String.join(", ", KNOWN_VENUES));
            require(!b.dexA().equals(b.dexB()), at + ": dex_a and dex_b must differ");
            require(markets.get(b.pair()).get(b.dexA()) != null, at + ": markets." + b.pair() + " has no " + b.dexA()
                + " symbol");
            require(markets.get(b.pair()).get(b.dexB()) != null, at + ": markets." + b.pair() + " has no " + b.dexB()
                + " symbol");
            require(b.spreadEntry() != null && b.spreadEntry().signum() > 0, at + ".spread_entry must be > 0 (percent)");
            require(b.spreadExit() != null, at + ".spread_exit is required (percent)");
            require(b.spreadExit().compareTo(b.spreadEntry()) < 0, at + ".spread_exit must be below spread_entry");
            require(b.leverage() != null && b.leverage() >= 1 && b.leverage() <= 100, at + ".leverage must be 1..100");
            require(b.positionSize() != null && b.positionSize().signum() > 0, at + ".position_size must be > 0 (base units)");
            require(b.slippageBps() == null || b.slippageBps().signum() >= 0, at + ".slippage_bps must be >= 0");
            require(b.maxBookAgeMs() == null || b.maxBookAgeMs() > 0, at + ".max_book_age_ms must be > 0");
        }
    }

    private static void require(final boolean ok, final String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }

    /**
     * An invalid or unreadable configuration; the message is one line naming the key.
     *
     * <p><b>Note:</b> immutable, thread-safe.
     */
    public static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Longest message kept: a parser's message may quote a whole (hostile or mistaken) value. */
        static final int MAX_MESSAGE = 300;

        /** @param message one line naming the problem (whitespace runs are folded, cut at {@value #MAX_MESSAGE} chars) */
        public ConfigException(final String message) {
            super(oneLine(message), null, false, false);
        }

        private static String oneLine(final String message) {
            final String folded = message.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
            return folded.length() <= MAX_MESSAGE ? folded : folded.substring(0, MAX_MESSAGE) + "…";
        }
    }
}
