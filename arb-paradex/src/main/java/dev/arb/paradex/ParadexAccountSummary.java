package dev.arb.paradex;

import java.math.BigDecimal;

/**
 * The account summary pushed on the private {@code account} channel (same fields as {@code GET /v1/account},
 * protocol reference §2.5, §3.7). Amounts in USD (the settlement asset, USDC); null when the venue left a field
 * out.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param accountValueUsd              {@code account_value}
 * @param freeCollateralUsd            {@code free_collateral}
 * @param initialMarginRequirementUsd  {@code initial_margin_requirement}
 * @param maintenanceMarginRequirementUsd {@code maintenance_margin_requirement}
 * @param status                       {@code status}, e.g. {@code ACTIVE}, {@code LIQUIDATION}
 * @param updatedAtMs                  {@code updated_at}, ms since the epoch (0 if absent)
 */
public record ParadexAccountSummary(BigDecimal accountValueUsd, BigDecimal freeCollateralUsd,
    BigDecimal initialMarginRequirementUsd, BigDecimal maintenanceMarginRequirementUsd, String status, long updatedAtMs) {
}
