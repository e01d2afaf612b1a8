package dev.arb.api.fuzz;

/**
 * The ways a {@link Mutation} damages an input, each modelled on a real fault of a wire, a disk or a person:
 * corruption in transit (bit flips, byte overwrites), cut frames (truncation), producers that repeat or reorder
 * fields, values out of range or of the wrong type, invalid UTF-8, hostile nesting, oversized frames and length
 * fields that lie.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum MutationKind {
    /** Flips one bit. */
    BIT_FLIP,
    /** Overwrites one byte with a value from {@link Tokens#INTERESTING_BYTES}. */
    BYTE_SET,
    /** Cuts the input at a position. */
    TRUNCATE,
    /** Deletes a range of bytes. */
    DELETE_RANGE,
    /** Repeats a range of bytes right after itself. */
    DUPLICATE_RANGE,
    /** Repeats the comma-separated member around a position (a duplicated JSON field or level). */
    DUPLICATE_MEMBER,
    /** Swaps the member around a position with the one after it (reordered fields). */
    SWAP_MEMBERS,
    /** Inserts a token (huge number, wrong type, invalid UTF-8, escape, structural character). */
    INSERT_TOKEN,
    /** Replaces the JSON scalar around a position (string, number, literal) with a token. */
    REPLACE_SCALAR,
    /** Wraps the whole input in up to 100,000 levels of nesting. */
    DEEP_NESTING,
    /** Repeats the whole input (or a range) until it is up to 1 MiB long. */
    OVERSIZE,
    /** Writes a huge or negative value into a 1-, 2-, 4- or 8-byte little-endian field (a lying length or count). */
    LIE_LENGTH
}
