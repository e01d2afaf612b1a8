package dev.arb.examples;

import dev.arb.api.ExchangeAdapter;
import dev.arb.paradex.ParadexAdapter;
import dev.arb.paradex.ParadexConfig;
import dev.arb.vest.VestAdapter;
import dev.arb.vest.VestConfig;
import io.netty.channel.EventLoopGroup;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real venues of {@code arb run --config}: builds each used venue's adapter from the YAML's venue
 * settings ({@code env}, REST and WebSocket URL overrides) and the credentials read from the environment,
 * on the run's event loop.
 *
 * <p><b>Note:</b> stateless; called once on the command's thread.
 */
final class LiveVenues {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private LiveVenues() {
    }

    /**
     * Creates the adapters of the venues whose credentials are given (not connected yet).
     *
     * @param vestCredentials    Vest's credentials, or null when no bot uses Vest
     * @param paradexCredentials Paradex's credentials, or null when no bot uses Paradex
     * @param adapters           receives each adapter by venue name
     * @param endpoints          receives each venue's REST and WebSocket URLs, for error messages
     */
    static void open(final BotConfig botConfig, final Credentials.Vest vestCredentials,
        final Credentials.Paradex paradexCredentials, final EventLoopGroup loop, final long maxAge,
        final Map<String, ExchangeAdapter> adapters, final Map<String, String> endpoints) {
        if (vestCredentials != null) {
            final VestConfig vc = vestConfig(botConfig, vestCredentials, loop, maxAge);
            endpoints.put("vest", vc.restBaseUrl() + " and " + vc.wsUrl());
            adapters.put("vest", new VestAdapter(vc));
        }
        if (paradexCredentials != null) {
            final ParadexConfig pc = paradexConfig(botConfig, paradexCredentials, loop, maxAge);
            endpoints.put("paradex", pc.restBaseUrl() + " and " + pc.wsUrl());
            adapters.put("paradex", new ParadexAdapter(pc));
        }
        LOG.warn("leverage from the config is not set on the venues by this version; set it in the venue UI");
    }

    /** @return whether a bot of {@code config} trades on {@code venue} */
    static boolean uses(final BotConfig config, final String venue) {
        return config.bots().stream().anyMatch(b -> b.dexA().equals(venue) || b.dexB().equals(venue));
    }

    private static BotConfig.VenueSettings settings(final BotConfig config, final String venue) {
        final BotConfig.VenueSettings s = config.venues() == null ? null : config.venues().get(venue);
        return s == null ? new BotConfig.VenueSettings("production", null, null) : s;
    }

    private static VestConfig vestConfig(final BotConfig config, final Credentials.Vest c, final EventLoopGroup loop,
        final long maxAge) {
        final BotConfig.VenueSettings s = settings(config, "vest");
        final VestConfig.Builder b = "testnet".equals(s.env()) ? VestConfig.testnet() : VestConfig.production();
        if (s.restUrl() != null) {
            b.restBaseUrl(s.restUrl());
        }
        if (s.wsUrl() != null) {
            b.wsUrl(s.wsUrl());
        }
        return b.accountGroup(c.accountGroup()).apiKey(c.apiKey()).signingKey(c.signingKey())
            .primaryAddress(c.primaryAddress()).maxBookAgeMs(maxAge).eventLoopGroup(loop).build();
    }

    private static ParadexConfig paradexConfig(final BotConfig config, final Credentials.Paradex c,
        final EventLoopGroup loop, final long maxAge) {
        final BotConfig.VenueSettings s = settings(config, "paradex");
        final ParadexConfig.Builder b = "testnet".equals(s.env()) ? ParadexConfig.testnet() : ParadexConfig.production();
        if (s.restUrl() != null) {
            b.restBaseUrl(s.restUrl());
        }
        if (s.wsUrl() != null) {
            b.wsUrl(s.wsUrl());
        }
        return b.accountAddress(c.accountAddress()).privateKey(c.privateKey()).maxBookAgeMs(maxAge).eventLoopGroup(loop)
            .build();
    }
}
