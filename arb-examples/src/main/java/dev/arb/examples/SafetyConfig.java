package dev.arb.examples;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.arb.executor.DriftAction;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.LiquidationSettings;
import dev.arb.executor.ReconcilePolicy;
import dev.arb.executor.RiskLimits;
import dev.arb.executor.journal.Journal;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The safety sections of the bot's YAML file, next to {@link BotConfig}'s {@code venues},
 * {@code markets} and {@code bots}; every key is optional and has a safe default.
 *
 * <pre>
 * execution:
 *   max_quote_age_ms: 2000        # no entry on a book older than this
 *   max_skew_ms: 1000             # nor when the venues' book timestamps differ by more
 *   unwind_loss_bound_usd: 25     # worst loss one unwind may realize; beyond it the bot halts
 *   order_retries: 2              # re-sends of a rate-limited order (same client order id)
 *   delta_check_interval_ms: 5000 # periodic posA + posB check (0 = off)
 *   delta_tolerance_base: 0       # tolerated |posA + posB|, base units
 *   drift_action: halt            # halt | rehedge
 * risk:
 *   max_position_base: 0          # per venue market across all bots of the process, base units (0 = no limit)
 *   max_position_usd: 0           # per venue market across all bots of the process, USD notional (0 = no limit)
 *   max_total_notional_usd: 0     # all legs of all bots, USD (0 = no limit)
 *   max_daily_loss_usd: 0         # realized + unrealized; halts until the daily reset (0 = no limit)
 *   daily_reset_hour_utc: 0
 *   max_consecutive_errors: 5     # order errors in a row that open the breaker
 *   cooldown_ms: 60000            # then one trial entry (half-open)
 * journal:
 *   synchronous: normal           # full | normal | off (SQLite PRAGMA synchronous)
 * reconciliation:
 *   policy: refuse                # adopt | flatten | refuse, when the venues differ from the journal
 * alerts:
 *   webhook_url: https://hooks.example/arb   # optional: each alert POSTed as JSON
 * liquidation:                    # each venue margins its leg alone: watch both
 *   enabled: true
 *   alert_distance_pct: 20        # a venue this close to liquidation (% of price): alert, hold new entries
 *   reduce_distance_pct: 10       # this close: reduce BOTH legs together
 *   reduce_fraction: 0.5          # share of the position each reduction closes
 *   hysteresis_pct: 2             # re-arm only past the threshold plus this many points
 *   poll_interval_ms: 1000        # how often both venues' margin is read
 * </pre>
 *
 * <p><b>Note:</b> immutable once loaded; thread-safe.
 *
 * @param execution      executor settings
 * @param risk           circuit-breaker limits
 * @param journal        journal settings
 * @param reconciliation start-up reconciliation
 * @param alerts         alert sinks
 * @param http           operator plane
 * @param liquidation    liquidation guard
 */
record SafetyConfig(Execution execution, Risk risk, JournalSettings journal, Reconciliation reconciliation,
    Alerts alerts, Http http, Liquidation liquidation) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    /** The top-level sections read here (the rest of the file is {@link BotConfig}'s). */
    static final List<String> SECTIONS = List.of("execution", "risk", "journal", "reconciliation", "alerts", "http",
        "liquidation");
    /** The Java parameter names {@link RiskLimits} and {@link ExecutorConfig} use in errors, to the YAML keys. */
    static final java.util.Map<String, String> YAML_KEYS = java.util.Map.ofEntries(
        java.util.Map.entry("maxQuoteAgeMs", "execution.max_quote_age_ms"),
        java.util.Map.entry("maxSkewMs", "execution.max_skew_ms"),
        java.util.Map.entry("unwindLossBoundUsd", "execution.unwind_loss_bound_usd"),
        java.util.Map.entry("orderRetries", "execution.order_retries"),
        java.util.Map.entry("deltaCheckIntervalMs", "execution.delta_check_interval_ms"),
        java.util.Map.entry("deltaToleranceBase", "execution.delta_tolerance_base"),
        java.util.Map.entry("maxPositionBase", "risk.max_position_base"),
        java.util.Map.entry("maxPositionUsd", "risk.max_position_usd"),
        java.util.Map.entry("maxTotalNotionalUsd", "risk.max_total_notional_usd"),
        java.util.Map.entry("maxDailyLossUsd", "risk.max_daily_loss_usd"),
        java.util.Map.entry("dailyResetHourUtc", "risk.daily_reset_hour_utc"),
        java.util.Map.entry("maxConsecutiveErrors", "risk.max_consecutive_errors"),
        java.util.Map.entry("cooldown", "risk.cooldown_ms"));

    SafetyConfig {
        execution = execution == null ? new Execution(null, null, null, null, null, null, null) : execution;
        risk = risk == null ? new Risk(null, null, null, null, null, null, null) : risk;
        journal = journal == null ? new JournalSettings(null) : journal;
        reconciliation = reconciliation == null ? new Reconciliation(null) : reconciliation;
        alerts = alerts == null ? new Alerts(null) : alerts;
        http = http == null ? new Http(null, null) : http;
        liquidation = liquidation == null ? new Liquidation(null, null, null, null, null, null) : liquidation;
    }

    /**
     * The {@code liquidation} section; every key optional (defaults of {@link LiquidationSettings#DEFAULTS}).
     *
     * @param enabled           {@code false} turns the guard off (default on)
     * @param alertDistancePct  alert and hold entries below this distance to liquidation, percent
     * @param reduceDistancePct reduce both legs below this distance, percent
     * @param reduceFraction    share of the position each reduction closes, (0, 1]
     * @param hysteresisPct     re-arm margin, percentage points
     * @param pollIntervalMs    margin read interval, ms
     */
    record Liquidation(Boolean enabled, @JsonProperty("alert_distance_pct") BigDecimal alertDistancePct,
        @JsonProperty("reduce_distance_pct") BigDecimal reduceDistancePct,
        @JsonProperty("reduce_fraction") BigDecimal reduceFraction,
        @JsonProperty("hysteresis_pct") BigDecimal hysteresisPct,
        @JsonProperty("poll_interval_ms") Long pollIntervalMs) {
    }

    /**
     * @return the liquidation guard's settings, or null when {@code liquidation.enabled} is false
     * @throws IllegalArgumentException naming the key when a value is out of range
     */
    LiquidationSettings liquidationSettings() {
        final Liquidation l = liquidation;
        if (Boolean.FALSE.equals(l.enabled())) {
            return null;
        }
        final LiquidationSettings d = LiquidationSettings.DEFAULTS;
        return new LiquidationSettings(l.alertDistancePct() == null ? d.alertDistancePct()
            : l.alertDistancePct().doubleValue(), l.reduceDistancePct() == null ? d.reduceDistancePct()
            : l.reduceDistancePct().doubleValue(), l.reduceFraction() == null ? d.reduceFraction() : l.reduceFraction(),
            l.hysteresisPct() == null ? d.hysteresisPct() : l.hysteresisPct().doubleValue(),
            l.pollIntervalMs() == null ? d.pollIntervalMs() : l.pollIntervalMs());
    }

    /**
     * @param maxQuoteAgeMs        quote-age gate, ms
     * @param maxSkewMs            venue timestamp skew gate, ms
     * @param unwindLossBoundUsd   loss bound per unwind, USD
     * @param orderRetries         re-sends of a rate-limited order
     * @param deltaCheckIntervalMs net-delta check period, ms (0 = off)
     * @param deltaToleranceBase   tolerated net delta, base units
     * @param driftAction          {@code halt} or {@code rehedge}
     */
    record Execution(@JsonProperty("max_quote_age_ms") Long maxQuoteAgeMs, @JsonProperty("max_skew_ms") Long maxSkewMs,
        @JsonProperty("unwind_loss_bound_usd") BigDecimal unwindLossBoundUsd,
        @JsonProperty("order_retries") Integer orderRetries,
        @JsonProperty("delta_check_interval_ms") Long deltaCheckIntervalMs,
        @JsonProperty("delta_tolerance_base") BigDecimal deltaToleranceBase,
        @JsonProperty("drift_action") String driftAction) {
    }

    /**
     * @param maxPositionBase      base units per market and venue (0 = none)
     * @param maxPositionUsd       USD per market and venue (0 = none)
     * @param maxTotalNotionalUsd  USD across all legs (0 = none)
     * @param maxDailyLossUsd      USD (0 = none)
     * @param dailyResetHourUtc    0..23
     * @param maxConsecutiveErrors errors in a row that open the breaker
     * @param cooldownMs           open-breaker cooldown, ms
     */
    record Risk(@JsonProperty("max_position_base") BigDecimal maxPositionBase,
        @JsonProperty("max_position_usd") BigDecimal maxPositionUsd,
        @JsonProperty("max_total_notional_usd") BigDecimal maxTotalNotionalUsd,
        @JsonProperty("max_daily_loss_usd") BigDecimal maxDailyLossUsd,
        @JsonProperty("daily_reset_hour_utc") Integer dailyResetHourUtc,
        @JsonProperty("max_consecutive_errors") Integer maxConsecutiveErrors,
        @JsonProperty("cooldown_ms") Long cooldownMs) {
    }

    /** @param synchronous {@code full}, {@code normal} or {@code off} */
    record JournalSettings(String synchronous) {
    }

    /** @param policy {@code adopt}, {@code flatten} or {@code refuse} */
    record Reconciliation(String policy) {
    }

    /** @param webhookUrl optional URL alerts are POSTed to */
    record Alerts(@JsonProperty("webhook_url") String webhookUrl) {
    }

    /**
     * @param listen   {@code HOST:PORT} or {@code off} for the operator plane (default 127.0.0.1:8080)
     * @param tokenEnv the environment variable holding the control token (default ARB_HTTP_TOKEN)
     */
    record Http(String listen, @JsonProperty("token_env") String tokenEnv) {
        /** @return the listen address, defaulted */
        String listenOrDefault() {
            return listen == null ? "127.0.0.1:8080" : listen;
        }
    }

    /** A YAML file split into the bot part and the safety part. @param bots bots @param safety safety */
    record Loaded(BotConfig bots, SafetyConfig safety) {
    }

    /**
     * Reads a YAML file: the safety sections here, the rest by {@link BotConfig#parse}.
     *
     * @param file the YAML file
     * @return both parts, validated
     * @throws BotConfig.ConfigException naming the file and the key, if unreadable or invalid
     */
    static Loaded load(final Path file) {
        final String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new BotConfig.ConfigException("cannot read config " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /**
     * @param yaml   the whole YAML document
     * @param origin name for error messages
     * @return both parts, validated
     * @throws BotConfig.ConfigException if malformed or invalid
     */
    static Loaded parse(final String yaml, final String origin) {
        final ObjectNode root;
        try {
            final var tree = YAML.readTree(yaml);
            if (tree == null || !tree.isObject()) {
                return new Loaded(BotConfig.parse(yaml, origin), defaults());
            }
            root = (ObjectNode) tree;
        } catch (JsonProcessingException e) {
            throw YamlErrors.of(origin, e);
        }
        final ObjectNode safety = YAML.createObjectNode();
        for (String section : SECTIONS) {
            if (root.has(section)) {
                safety.set(section, root.remove(section));
            }
        }
        final SafetyConfig config;
        try {
            config = YAML.treeToValue(safety, SafetyConfig.class);
        } catch (JsonProcessingException e) {
            throw YamlErrors.of(origin, e);
        }
        config.validate(origin);
        final String rest;
        try {
            rest = YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new BotConfig.ConfigException(origin + ": " + e.getMessage());
        }
        return new Loaded(BotConfig.parse(rest, origin), config);
    }

    /** @return every default */
    static SafetyConfig defaults() {
        return new SafetyConfig(null, null, null, null, null, null, null);
    }

    private void validate(final String origin) {
        try {
            riskLimits();
            apply(ExecutorConfig.builder().positionSizeBase(BigDecimal.ONE)).build();
            synchronous();
            policy();
            webhook();
            liquidationSettings();
        } catch (IllegalArgumentException e) {
            throw new BotConfig.ConfigException(origin + ": " + yamlKeys(e.getMessage()));
        }
    }

    /**
     * @param message a range error of {@link RiskLimits} or {@link ExecutorConfig}, which name their Java
     *                parameters ({@code maxPositionBase must be ≥ 0: -1})
     * @return the message with the parameter named as the YAML key ({@code risk.max_position_base must be ≥ 0: -1})
     */
    static String yamlKeys(final String message) {
        final int space = message.indexOf(' ');
        final String key = space < 0 ? null : YAML_KEYS.get(message.substring(0, space));
        return key == null ? message : key + message.substring(space);
    }

    /**
     * @param bot a bot of the configuration
     * @return its quote-age gate, ms: its deprecated {@code max_book_age_ms} when set, else
     *     {@code execution.max_quote_age_ms} (default 2,000)
     */
    long quoteAgeMs(final BotConfig.Bot bot) {
        if (bot.maxBookAgeMs() != null) {
            return bot.maxBookAgeMs();
        }
        return execution.maxQuoteAgeMs() == null ? 2_000 : execution.maxQuoteAgeMs();
    }

    /**
     * @param b   an executor builder with the bot's own settings
     * @param bot the bot
     * @return {@code b} with the execution section applied and the bot's {@link #quoteAgeMs(BotConfig.Bot)}
     * @throws IllegalArgumentException if a value is out of range
     */
    ExecutorConfig.Builder apply(final ExecutorConfig.Builder b, final BotConfig.Bot bot) {
        return apply(b).maxQuoteAgeMs(quoteAgeMs(bot));
    }

    /**
     * @param b an executor builder with the bot's own settings
     * @return {@code b} with the execution section applied
     * @throws IllegalArgumentException if a value is out of range
     */
    ExecutorConfig.Builder apply(final ExecutorConfig.Builder b) {
        final Execution e = execution;
        b.maxQuoteAgeMs(e.maxQuoteAgeMs() == null ? 2_000 : e.maxQuoteAgeMs());
        b.maxSkewMs(e.maxSkewMs() == null ? 1_000 : e.maxSkewMs());
        b.unwindLossBoundUsd(e.unwindLossBoundUsd() == null ? new BigDecimal("25") : e.unwindLossBoundUsd());
        b.orderRetries(e.orderRetries() == null ? 2 : e.orderRetries());
        b.deltaCheckIntervalMs(e.deltaCheckIntervalMs() == null ? 5_000 : e.deltaCheckIntervalMs());
        b.deltaToleranceBase(e.deltaToleranceBase() == null ? BigDecimal.ZERO : e.deltaToleranceBase());
        final String drift = e.driftAction() == null ? "halt" : e.driftAction().toLowerCase(Locale.ROOT);
        if (!drift.equals("halt") && !drift.equals("rehedge")) {
            throw new IllegalArgumentException("execution.drift_action must be halt or rehedge");
        }
        b.driftAction(drift.equals("halt") ? DriftAction.HALT : DriftAction.REHEDGE);
        b.maxConsecutiveErrors(risk.maxConsecutiveErrors() == null ? 5 : risk.maxConsecutiveErrors());
        return b;
    }

    /** @return the risk limits @throws IllegalArgumentException if out of range */
    RiskLimits riskLimits() {
        final Risk r = risk;
        return new RiskLimits(r.maxPositionBase(), r.maxPositionUsd(), r.maxTotalNotionalUsd(), r.maxDailyLossUsd(),
            r.dailyResetHourUtc() == null ? 0 : r.dailyResetHourUtc(),
            r.maxConsecutiveErrors() == null ? 5 : r.maxConsecutiveErrors(),
            Duration.ofMillis(r.cooldownMs() == null ? 60_000 : r.cooldownMs()));
    }

    /** @return the journal's commit durability @throws IllegalArgumentException if unknown */
    Journal.Synchronous synchronous() {
        final String s = journal.synchronous() == null ? "normal" : journal.synchronous();
        try {
            return Journal.Synchronous.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("journal.synchronous must be full, normal or off");
        }
    }

    /** @return the reconciliation policy @throws IllegalArgumentException if unknown */
    ReconcilePolicy policy() {
        final String p = reconciliation.policy() == null ? "refuse" : reconciliation.policy();
        try {
            return ReconcilePolicy.valueOf(p.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reconciliation.policy must be adopt, flatten or refuse");
        }
    }

    /** @return the webhook URL, or null @throws IllegalArgumentException if not http(s) */
    URI webhook() {
        if (alerts.webhookUrl() == null || alerts.webhookUrl().isBlank()) {
            return null;
        }
        final URI uri;
        try {
            uri = URI.create(alerts.webhookUrl());
        } catch (IllegalArgumentException e) {
            // the parser's message quotes the URL, which may hold a token
            throw new IllegalArgumentException("alerts.webhook_url is not a valid URL");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("alerts.webhook_url must be an http(s) URL");
        }
        return uri;
    }
}
