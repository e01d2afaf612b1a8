package dev.arb.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link Reader} over UTF-8 bytes that decodes one line at a time and refuses a line that is not valid
 * UTF-8 with an {@link InvalidUtf8Exception} naming that line: every line before it has been handed out whole,
 * so a reader on top (a {@link java.io.BufferedReader}) returns all of them before the error.
 *
 * <p>Unlike {@link java.nio.file.Files#newBufferedReader}, whose decoder works on 8 KiB blocks and throws a
 * {@link java.nio.charset.MalformedInputException} that names no line and loses the good lines decoded in the
 * same block, the error here says where the bad bytes are.
 *
 * <p><b>Note:</b> not thread-safe. Closing it closes the stream.
 */
final class Utf8LineReader extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] block = new byte[1 << 16];
    private int blockPos;
    private int blockEnd;
    private byte[] line = new byte[1 << 12];
    private CharBuffer chars = CharBuffer.allocate(1 << 12).limit(0);
    private long lineNumber;
    private boolean eof;

    /**
     * @param in UTF-8 bytes; read in 64 KiB blocks (need not be buffered)
     * @throws NullPointerException if {@code in} is null
     */
    Utf8LineReader(final InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /**
     * @throws InvalidUtf8Exception if the next line is not valid UTF-8 (the line is consumed: a further read goes
     *                              on with the line after it)
     * @throws IOException          if reading the stream fails
     */
    @Override
    public int read(final char[] cbuf, final int off, final int len) throws IOException {
        Objects.checkFromIndexSize(off, len, cbuf.length);
        if (len == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (!nextLine()) {
                return -1;
            }
        }
        final int n = Math.min(len, chars.remaining());
        chars.get(cbuf, off, n);
        return n;
    }

    /** Reads the next line's bytes (with its line feed) and decodes them; false at the end of the stream. */
    private boolean nextLine() throws IOException {
        int length = 0;
        while (true) {
            if (blockPos == blockEnd && (eof || !fill())) {
                break;
            }
            int i = blockPos;
            while (i < blockEnd && block[i] != '\n') {
                i++;
            }
            final boolean found = i < blockEnd;
            final int end = found ? i + 1 : blockEnd;
            final int n = end - blockPos;
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.max(length + n, line.length * 2));
            }
            System.arraycopy(block, blockPos, line, length, n);
            length += n;
            blockPos = end;
            if (found) {
                break;
            }
        }
        if (length == 0) {
            return false;
        }
        lineNumber++;
        // UTF-8 never decodes to more chars than bytes: a buffer of the line's length cannot overflow
        if (chars.capacity() < length) {
            chars = CharBuffer.allocate(Math.max(length, chars.capacity() * 2));
        }
        chars.clear();
        decoder.reset();
        final ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            chars.clear().limit(0);
            throw new InvalidUtf8Exception(lineNumber, bytes.position() + 1);
        }
        chars.flip();
        return true;
    }

    private boolean fill() throws IOException {
        final int n = in.read(block, 0, block.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        blockPos = 0;
        blockEnd = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * A line of the input is not valid UTF-8.
     *
     * <p><b>Note:</b> immutable, thread-safe.
     */
    static final class InvalidUtf8Exception extends CharacterCodingException {
        private static final long serialVersionUID = 1L;

        /** 1-based line. */
        private final long lineNumber;
        /** 1-based byte of the line where the invalid sequence starts. */
        private final int column;

        InvalidUtf8Exception(final long lineNumber, final int column) {
            this.lineNumber = lineNumber;
            this.column = column;
        }

        /** @return the 1-based line that is not valid UTF-8 */
        long lineNumber() {
            return lineNumber;
        }

        /** @return the 1-based byte of the line where the invalid sequence starts */
        int column() {
            return column;
        }

        @Override
        public String getMessage() {
            return "line " + lineNumber + " is not valid UTF-8 (byte " + column + " of the line)";
        }
    }
}
