package dev.arb.examples;

import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ParamChange;
import dev.arb.executor.RiskLimits;
import dev.arb.strategy.api.InvalidParameterException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parameters changed while the bot runs: the {@code set <bot|*|risk> <param> <value>} control command and
 * the differences of a watched YAML file. Each change is validated by the engine exactly as at start and
 * applied between two events (or refused with nothing changed); what cannot change live (venues, pairs,
 * credentials, the strategy's file or class, the journal) is refused with that reason.
 *
 * <p><b>Note:</b> thread-safe; called from the control and watcher threads, it blocks until the engine
 * answered (at most 10 s).
 */
final class LiveControl {
    /** Keys that exist but cannot change while running. */
    static final Set<String> FIXED = Set.of("id", "pair", "dex_a", "dex_b", "leverage", "venues", "markets",
        "strategy", "order_retries", "delta_check_interval_ms", "delta_tolerance_base", "drift_action",
        "daily_reset_hour_utc", "max_consecutive_errors", "cooldown_ms", "synchronous", "policy", "webhook_url");
    /** Risk limits shared by every bot ({@code set risk <name> <value>}). */
    static final List<String> RISK = List.of("max_position_base", "max_position_usd", "max_total_notional_usd",
        "max_daily_loss_usd");

    /** A risk limit as typed: digits, an optional fraction (no exponent, at most 30 + 18 digits). */
    private static final java.util.regex.Pattern PLAIN_DECIMAL = java.util.regex.Pattern.compile("-?\\d{1,30}(\\.\\d{1,18})?");

    private final TradingSession session;

    LiveControl(final TradingSession session) {
        this.session = session;
    }

    /**
     * @param target a bot id, {@code *} for every bot, or {@code risk}
     * @param param  the parameter's YAML name
     * @param value  the new value as text
     * @return one line per answer: {@code bot: param old -> new} or {@code error: …}
     */
    List<String> set(final String target, final String param, final String value) {
        final List<String> out = new ArrayList<>();
        if (FIXED.contains(param)) {
            out.add("error: " + param + " cannot change while the bot runs: edit the config and restart");
            return out;
        }
        if (RISK.contains(param) || "risk".equals(target)) {
            out.add(setRisk(param, value));
            return out;
        }
        final Map<String, DeltaNeutralExecutor> bots = session.executors();
        final List<String> ids = "*".equals(target) || "all".equals(target) ? List.copyOf(bots.keySet()) : List.of(target);
        for (String id : ids) {
            final DeltaNeutralExecutor e = bots.get(id);
            if (e == null) {
                out.add("error: no bot '" + id + "' (bots: " + String.join(", ", bots.keySet()) + ")");
                continue;
            }
            try {
                final ParamChange c = e.setParameter(param, value).get(10, TimeUnit.SECONDS);
                out.add(id + ": " + c.param() + " " + c.oldValue() + " -> " + c.newValue());
            } catch (ExecutionException ex) {
                out.add("error: " + id + ": " + ex.getCause().getMessage());
            } catch (TimeoutException ex) {
                out.add("error: " + id + ": the engine did not answer in 10 s");
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                out.add("error: interrupted");
            }
        }
        return out;
    }

    private String setRisk(final String param, final String value) {
        // a plain decimal only: "1e999999999" parsed, and then toPlainString() built a billion-digit string
        if (!PLAIN_DECIMAL.matcher(value.trim()).matches()) {
            return "error: risk " + param + ": '" + brief(value) + "' is not a plain number (USD or base units, "
                + "0 = no limit), e.g. 5000 or 0.05";
        }
        final BigDecimal v = new BigDecimal(value.trim());
        final RiskLimits l = session.risk().limits();
        final RiskLimits next;
        try {
            switch (param) {
                case "max_position_base" -> next = new RiskLimits(v, l.maxPositionUsd(), l.maxTotalNotionalUsd(),
                    l.maxDailyLossUsd(), l.dailyResetHourUtc(), l.maxConsecutiveErrors(), l.cooldown());
                case "max_position_usd" -> next = new RiskLimits(l.maxPositionBase(), v, l.maxTotalNotionalUsd(),
                    l.maxDailyLossUsd(), l.dailyResetHourUtc(), l.maxConsecutiveErrors(), l.cooldown());
                case "max_total_notional_usd" -> next = new RiskLimits(l.maxPositionBase(), l.maxPositionUsd(), v,
                    l.maxDailyLossUsd(), l.dailyResetHourUtc(), l.maxConsecutiveErrors(), l.cooldown());
                case "max_daily_loss_usd" -> next = new RiskLimits(l.maxPositionBase(), l.maxPositionUsd(),
                    l.maxTotalNotionalUsd(), v, l.dailyResetHourUtc(), l.maxConsecutiveErrors(), l.cooldown());
                default -> {
                    return "error: unknown risk limit '" + param + "'; known: " + String.join(", ", RISK);
                }
            }
        } catch (IllegalArgumentException e) {
            return "error: risk " + param + ": " + e.getMessage();
        }
        final String old = current(l, param).toPlainString();
        session.risk().setLimits(next);
        session.recordChange(new ParamChange(System.currentTimeMillis(), "risk", param, old, v.toPlainString()));
        return "risk: " + param + " " + old + " -> " + v.toPlainString();
    }

    /** @return {@code s}, cut to 40 characters for echoing in an answer line */
    private static String brief(final String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static BigDecimal current(final RiskLimits l, final String param) {
        return switch (param) {
            case "max_position_base" -> l.maxPositionBase();
            case "max_position_usd" -> l.maxPositionUsd();
            case "max_total_notional_usd" -> l.maxTotalNotionalUsd();
            default -> l.maxDailyLossUsd();
        };
    }

    /**
     * Applies what changed between two versions of the YAML file: every live value that differs is set
     * as if typed with {@code set}; a change to something fixed is refused with the reason.
     *
     * @param before the configuration the bot runs with
     * @param after  the file as saved (already parsed and validated)
     * @return one line per change or refusal (empty if nothing live changed)
     */
    List<String> applyConfigChange(final SafetyConfig.Loaded before, final SafetyConfig.Loaded after) {
        final List<String> out = new ArrayList<>();
        final BotConfig b0 = before.bots();
        final BotConfig b1 = after.bots();
        fixed(out, "venues", b0.venues(), b1.venues());
        fixed(out, "markets", b0.markets(), b1.markets());
        fixed(out, "strategy source/class", source(b0), source(b1));
        fixed(out, "journal/reconciliation/alerts", List.of(before.safety().journal(), before.safety().reconciliation(),
            before.safety().alerts()), List.of(after.safety().journal(), after.safety().reconciliation(),
            after.safety().alerts()));
        final Map<String, BotConfig.Bot> old = new LinkedHashMap<>();
        b0.bots().forEach(b -> old.put(b.id(), b));
        for (BotConfig.Bot bot : b1.bots()) {
            final BotConfig.Bot was = old.remove(bot.id());
            if (was == null) {
                out.add("error: bot " + bot.id() + " was added: bots cannot be added while running; restart");
                continue;
            }
            fixed(out, bot.id() + " pair/dex_a/dex_b/leverage", List.of(was.pair(), was.dexA(), was.dexB(),
                was.leverage()), List.of(bot.pair(), bot.dexA(), bot.dexB(), bot.leverage()));
            final Map<String, String> v0 = live(was, before);
            live(bot, after).forEach((k, v) -> {
                if (!same(v0.get(k), v)) {
                    out.addAll(set(bot.id(), k, v));
                }
            });
        }
        old.keySet().forEach(id -> out.add("error: bot " + id + " was removed: bots cannot be removed while running; "
            + "flatten and restart"));
        final RiskLimits r0 = before.safety().riskLimits();
        final RiskLimits r1 = after.safety().riskLimits();
        for (String k : RISK) {
            if (current(r0, k).compareTo(current(r1, k)) != 0) {
                out.add(setRisk(k, current(r1, k).toPlainString()));
            }
        }
        return out;
    }

    /** @return the bot's live values from a configuration: bot keys, execution gates, strategy params */
    private static Map<String, String> live(final BotConfig.Bot bot, final SafetyConfig.Loaded config) {
        final Map<String, String> m = new LinkedHashMap<>(StrategyFactory.botKeys(bot));
        m.put("position_size", bot.positionSize().toPlainString());
        m.put("slippage_bps", BigDecimal.valueOf(bot.slippageBpsOrDefault()).toPlainString());
        final ExecutorConfig e = config.safety().apply(ExecutorConfig.builder().positionSizeBase(BigDecimal.ONE)).build();
        m.put("max_quote_age_ms", Long.toString(e.maxQuoteAgeMs()));
        m.put("max_skew_ms", Long.toString(e.maxSkewMs()));
        m.put("unwind_loss_bound_usd", e.unwindLossBoundUsd().toPlainString());
        if (config.bots().strategy() != null) {
            m.putAll(config.bots().strategy().paramsOrEmpty());
        }
        return m;
    }

    private static List<String> source(final BotConfig c) {
        return c.strategy() == null ? List.of() : java.util.Arrays.asList(c.strategy().source(), c.strategy().className());
    }

    private static void fixed(final List<String> out, final String what, final Object a, final Object b) {
        if (!Objects.equals(a, b)) {
            out.add("error: " + what + " changed, which cannot change while the bot runs: restart to apply it");
        }
    }

    private static boolean same(final String a, final String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        try {
            return a != null && b != null && new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * @param args the words after {@code set}
     * @return the answer lines
     */
    List<String> command(final String[] args) {
        if (args.length != 3) {
            return List.of("usage: set <bot|*|risk> <param> <value>   e.g. set btc-vest-paradex spread_entry 0.2");
        }
        try {
            return set(args[0], args[1], args[2]);
        } catch (InvalidParameterException e) {
            return List.of("error: " + e.getMessage());
        }
    }
}
