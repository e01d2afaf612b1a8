package dev.arb.api.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * One damage done to an input: a {@link MutationKind} and the numbers that place and size it. Positions are
 * taken modulo the input's length, so any mutation applies to any input, and jqwik shrinks a failing case
 * towards small numbers and fewer mutations.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param kind     what is done
 * @param position where (byte index, modulo the input length)
 * @param length   how much (bytes, repetitions or nesting levels; bounded per kind)
 * @param value    which bit, byte, token or field width and value
 */
public record Mutation(MutationKind kind, int position, int length, int value) {
    /** Largest input an {@link MutationKind#OVERSIZE} mutation makes: 1 MiB. */
    public static final int MAX_OVERSIZE = 1 << 20;
    /** Deepest {@link MutationKind#DEEP_NESTING}: 100,000 levels. */
    public static final int MAX_NESTING = 100_000;

    private static final long[] LIES = {
        0xFFL, 0xFFFFL, 0x7FFFL, 0x8000L, 0xFFFF_FFFFL, 0x7FFF_FFFFL, 0x8000_0000L, Long.MAX_VALUE, Long.MIN_VALUE,
        -1L, 0L, 1L, 65_535L, 1 << 20, Integer.MAX_VALUE - 7L
    };

    /**
     * @param in the input (not modified)
     * @return a new, damaged copy
     */
    public byte[] apply(final byte[] in) {
        final int n = in.length;
        final int pos = n == 0 ? 0 : Math.floorMod(position, n);
        final int len = Math.max(1, Math.abs(length % 64));
        switch (kind) {
            case BIT_FLIP: {
                if (n == 0) {
                    return in.clone();
                }
                final byte[] out = in.clone();
                out[pos] ^= (byte) (1 << Math.floorMod(value, 8));
                return out;
            }
            case BYTE_SET: {
                if (n == 0) {
                    return new byte[] {pick(Tokens.INTERESTING_BYTES, value)};
                }
                final byte[] out = in.clone();
                out[pos] = pick(Tokens.INTERESTING_BYTES, value);
                return out;
            }
            case TRUNCATE:
                return Arrays.copyOf(in, pos);
            case DELETE_RANGE:
                return splice(in, pos, Math.min(n, pos + len), new byte[0]);
            case DUPLICATE_RANGE:
                return splice(in, pos, pos, Arrays.copyOfRange(in, pos, Math.min(n, pos + len)));
            case DUPLICATE_MEMBER: {
                final int[] m = member(in, pos);
                return splice(in, m[1], m[1], concat(new byte[] {','}, Arrays.copyOfRange(in, m[0], m[1])));
            }
            case SWAP_MEMBERS: {
                final int[] a = member(in, pos);
                if (a[1] >= n || in[a[1]] != ',') {
                    return in.clone();
                }
                final int[] b = member(in, a[1] + 1);
                final byte[] first = Arrays.copyOfRange(in, a[0], a[1]);
                final byte[] second = Arrays.copyOfRange(in, b[0], b[1]);
                return splice(in, a[0], b[1], concat(concat(second, new byte[] {','}), first));
            }
            case INSERT_TOKEN:
                return splice(in, pos, pos, Tokens.TOKENS.get(Math.floorMod(value, Tokens.TOKENS.size())));
            case REPLACE_SCALAR: {
                final int[] s = scalar(in, pos);
                return splice(in, s[0], s[1], Tokens.TOKENS.get(Math.floorMod(value, Tokens.TOKENS.size())));
            }
            case DEEP_NESTING: {
                final int depth = 1 + Math.floorMod(length, MAX_NESTING);
                final boolean array = (value & 1) == 0;
                final byte[] open = array ? new byte[] {'['} : new byte[] {'{', '"', 'a', '"', ':'};
                final ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + depth * (open.length + 1));
                for (int i = 0; i < depth; i++) {
                    out.write(open, 0, open.length);
                }
                out.write(in, 0, n);
                for (int i = 0; i < depth; i++) {
                    out.write(array ? ']' : '}');
                }
                return out.toByteArray();
            }
            case OVERSIZE: {
                final int target = Math.max(n + 1, 1 + Math.floorMod(length, MAX_OVERSIZE));
                final byte[] unit = n == 0 ? new byte[] {' '} : Arrays.copyOfRange(in, pos, Math.min(n, pos + len));
                final byte[] out = new byte[target];
                System.arraycopy(in, 0, out, 0, pos);
                int w = pos;
                while (w < target - (n - pos)) {
                    final int c = Math.min(unit.length, target - (n - pos) - w);
                    System.arraycopy(unit, 0, out, w, c);
                    w += c;
                }
                System.arraycopy(in, pos, out, w, n - pos);
                return out;
            }
            case LIE_LENGTH: {
                if (n == 0) {
                    return in.clone();
                }
                final int width = 1 << Math.floorMod(value, 4);
                final long lie = LIES[Math.floorMod(value >> 2, LIES.length)];
                final byte[] out = in.clone();
                for (int i = 0; i < width && pos + i < n; i++) {
                    out[pos + i] = (byte) (lie >>> (8 * i));
                }
                return out;
            }
            default:
                throw new AssertionError(kind);
        }
    }

    /** The member around {@code pos}: bounds {@code [start, end)} between separators at the same depth. */
    private static int[] member(final byte[] in, final int pos) {
        int start = pos;
        int depth = 0;
        while (start > 0) {
            final byte c = in[start - 1];
            if (c == ']' || c == '}') {
                depth++;
            } else if (c == '[' || c == '{') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
            start--;
        }
        int end = pos;
        depth = 0;
        while (end < in.length) {
            final byte c = in[end];
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
            end++;
        }
        return new int[] {start, Math.max(start, end)};
    }

    /** The JSON scalar around {@code pos}: a quoted string or a run of non-structural characters. */
    private static int[] scalar(final byte[] in, final int pos) {
        int start = pos;
        while (start > 0 && !structural(in[start - 1])) {
            start--;
        }
        int end = pos;
        while (end < in.length && !structural(in[end])) {
            end++;
        }
        return new int[] {start, end};
    }

    private static boolean structural(final byte c) {
        return c == ',' || c == ':' || c == '[' || c == ']' || c == '{' || c == '}' || c == '\n';
    }

    private static byte pick(final byte[] from, final int index) {
        return from[Math.floorMod(index, from.length)];
    }

    private static byte[] splice(final byte[] in, final int from, final int to, final byte[] insert) {
        final byte[] out = new byte[in.length - (to - from) + insert.length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(in, to, out, from + insert.length, in.length - to);
        return out;
    }

    private static byte[] concat(final byte[] a, final byte[] b) {
        final byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
