package dev.arb.paradex.sbe;

import io.netty.buffer.ByteBuf;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Presents the readable bytes of a Netty {@link ByteBuf} as an Agrona {@link DirectBuffer} without copying:
 * a direct buffer with a memory address or a heap buffer is wrapped in place; only a buffer with neither (a
 * composite of several components) is copied into a reused scratch array. One instance per connection.
 *
 * <p>Agrona 1.x's {@link UnsafeBuffer} is used because it works on a stock JDK 17 without
 * {@code --add-exports} (Agrona 2.x needs {@code jdk.internal.misc} exported). Bounds checks stay on, so a
 * read past the frame fails instead of reading foreign memory.
 *
 * <p><b>Note:</b> not thread-safe; the returned view is valid until the next call and while the frame is alive.
 */
final class FrameBuffer {
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private byte[] scratch = new byte[0];

    /**
     * @param frame a binary frame's content; its reader and writer indexes are not changed
     * @return a view of bytes {@code [readerIndex, writerIndex)} at offset 0, capacity = readable bytes
     */
    DirectBuffer wrap(final ByteBuf frame) {
        final int length = frame.readableBytes();
        final int index = frame.readerIndex();
        if (frame.hasMemoryAddress()) {
            view.wrap(frame.memoryAddress() + index, length);
        } else if (frame.hasArray()) {
            view.wrap(frame.array(), frame.arrayOffset() + index, length);
        } else {
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            frame.getBytes(index, scratch, 0, length);
            view.wrap(scratch, 0, length);
        }
        return view;
    }
}
