package dev.arb.sim.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The last tick a paced simulator published, shared between processes through a 16-byte memory-mapped file:
 * a sequence word and the tick's <b>planned</b> send time, {@link System#nanoTime()} in ns. The writer (the
 * simulator process's pacing thread) publishes a tick before the tick's frame is written to any socket; a
 * reader in another process (the harness, at decision time) reads the latest tick.
 *
 * <p><b>Clock.</b> On Linux, HotSpot's {@code System.nanoTime()} is {@code clock_gettime(CLOCK_MONOTONIC)}: one
 * clock for every process on the machine, so a planned time written by one JVM and a decision time read in
 * another are comparable by difference. (Not so on every OS: the harness is meant for Linux.)
 *
 * <p><b>Protocol.</b> A seqlock: the writer stores an odd sequence, the planned time, then the next even
 * sequence (ordered stores); a reader retries while the sequence is odd or changed under it. Tick {@code n}
 * (from 1) has sequence {@code 2n}.
 *
 * <p><b>Note:</b> one writer (a single thread, in one process); any number of readers, in any thread or process.
 */
public final class TickBoard implements AutoCloseable {
    /** Bytes mapped. */
    public static final int LENGTH = 16;
    private static final int SEQ_OFFSET = 0;
    private static final int PLANNED_OFFSET = 8;

    private final FileChannel channel;
    private final UnsafeBuffer buffer;
    private long written;

    private TickBoard(final FileChannel channel, final MappedByteBuffer mapped) {
        this.channel = channel;
        this.buffer = new UnsafeBuffer(mapped);
    }

    /**
     * Maps {@code file}, creating it (16 zero bytes: no tick yet) if absent.
     *
     * @param file the shared file, e.g. under {@code java.io.tmpdir}
     * @return the board
     * @throws UncheckedIOException if the file cannot be created or mapped
     */
    public static TickBoard map(final Path file) {
        try {
            final FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            return new TickBoard(ch, ch.map(FileChannel.MapMode.READ_WRITE, 0, LENGTH));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map tick board " + file, e);
        }
    }

    /**
     * Publishes the next tick (writer thread only).
     *
     * @param plannedNanos the tick's planned send time, {@link System#nanoTime()} ns
     * @return the tick's number, from 1
     */
    public long publish(final long plannedNanos) {
        final long seq = buffer.getLong(SEQ_OFFSET) & ~1L;
        buffer.putLongOrdered(SEQ_OFFSET, seq + 1);
        buffer.putLongOrdered(PLANNED_OFFSET, plannedNanos);
        buffer.putLongOrdered(SEQ_OFFSET, seq + 2);
        written = (seq + 2) / 2;
        return written;
    }

    /** @return the number of the latest tick (0 before the first); allocation-free, any thread */
    public long tick() {
        return readSeq() / 2;
    }

    /**
     * Reads the latest tick into {@code out}: {@code out[0]} its number (0: none yet), {@code out[1]} its planned
     * send time, ns. Allocation-free; spins only while the writer is mid-publish (a few ns).
     *
     * @param out at least two longs
     */
    public void read(final long[] out) {
        while (true) {
            final long before = buffer.getLongVolatile(SEQ_OFFSET);
            if ((before & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            final long planned = buffer.getLongVolatile(PLANNED_OFFSET);
            if (buffer.getLongVolatile(SEQ_OFFSET) == before) {
                out[0] = before / 2;
                out[1] = planned;
                return;
            }
        }
    }

    private long readSeq() {
        long seq;
        while (((seq = buffer.getLongVolatile(SEQ_OFFSET)) & 1) != 0) {
            Thread.onSpinWait();
        }
        return seq;
    }

    /** @return ticks this instance published (writer side) */
    public long published() {
        return written;
    }

    /** Unmaps nothing (the JDK unmaps at collection) but closes the file; the mapping stays readable. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do: the mapping is independent of the channel
        }
    }
}
