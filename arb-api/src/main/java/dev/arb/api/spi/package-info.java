/**
 * What a venue module contributes to the bot, found with {@link java.util.ServiceLoader}: its name, and a decoder
 * of its captured public frames into a book (for {@code replay} and the backtester). A third venue adds one
 * module with a {@code META-INF/services/dev.arb.api.spi.VenueModule} file and touches no other venue's code;
 * see {@code docs/ADDING_A_VENUE.md}.
 */
package dev.arb.api.spi;
