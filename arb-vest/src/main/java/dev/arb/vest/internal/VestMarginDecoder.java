package dev.arb.vest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.MarginState;
import dev.arb.api.PositionMargin;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link MarginState} from Vest's {@code GET /account} answer (the only source: Vest documents no position
 * or balance push). Fields, protocol reference §4 "GET /account" (HB-DOC, the official Vest API page):
 * {@code totalAccountValue} (account value, USDC), {@code totalMaintMargin} (maintenance margin of the account,
 * USDC), {@code time} (ms); per entry of {@code positions[]}: {@code symbol}, {@code isLong}, {@code size} (always
 * positive; the side is {@code isLong}), {@code markPrice}, {@code liqPrice}. Zero-size positions are skipped (DNM
 * test). Contracts are USDC-margined, linear; maintenance margin is half the initial margin (§6, DOC-SPEC).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class VestMarginDecoder {
    private VestMarginDecoder() {
    }

    /**
     * @param account    the {@code GET /account} answer
     * @param receivedMs when it was received, ms since the epoch (used when {@code time} is absent)
     * @return the account's margin; the account value or maintenance margin is null when the venue left it out
     * @throws MalformedMessageException if a number present is not a decimal
     */
    public static MarginState margin(final JsonNode account, final long receivedMs) {
        try {
            final List<PositionMargin> positions = new ArrayList<>();
            for (final JsonNode p : account.path("positions")) {
                final BigDecimal size = decimalOrNull(p, "size");
                if (size == null || size.signum() == 0) {
                    continue;
                }
                positions.add(new PositionMargin(p.path("symbol").asText(),
                    p.path("isLong").asBoolean(true) ? size.abs() : size.abs().negate(),
                    decimalOrNull(p, "markPrice"), decimalOrNull(p, "liqPrice")));
            }
            final long time = account.path("time").asLong(0);
            return new MarginState(VestErrors.VENUE, decimalOrNull(account, "totalAccountValue"),
                decimalOrNull(account, "totalMaintMargin"), positions, time > 0 ? time : receivedMs);
        } catch (NumberFormatException e) {
            throw new MalformedMessageException(VestErrors.VENUE, null, "GET /account margin field is not a number: "
                + e.getMessage(), e);
        }
    }

    private static BigDecimal decimalOrNull(final JsonNode n, final String field) {
        final JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        final String text = v.asText();
        try {
            return text.isEmpty() ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new NumberFormatException(field + " = '" + text + "'");
        }
    }
}
