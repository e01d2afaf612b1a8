package dev.arb.executor.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Journal} in one SQLite file (xerial sqlite-jdbc, https://github.com/xerial/sqlite-jdbc),
 * WAL mode, with a configurable {@code PRAGMA synchronous}. SQLite was chosen over Chronicle Queue
 * because it runs on a stock JDK 17 without {@code --add-opens} flags and the file can be inspected
 * with the {@code sqlite3} shell.
 *
 * <p>One writer thread takes records from an unbounded queue and commits them in batches (one
 * transaction per drain), so the trading thread only pays for a queue offer. Each run gets a row in
 * {@code runs}; its id is {@code <run number>-<start time base 36>}.
 *
 * <p><b>Note:</b> thread-safe. {@link #events()} reads through its own connection (WAL readers do not
 * block the writer).
 */
public final class SqliteJournal implements Journal {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteJournal.class);
    private static final String COLUMNS = "time_ms, run_id, type, venue, market, client_order_id, side, status, size, "
        + "filled, price, detail";

    private final String url;
    private final Synchronous synchronous;
    private final String runId;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Connection connection;
    private Connection reader;

    private record Pending(JournalEvent event, CompletableFuture<Void> done) {
    }

    private static final Pending STOP = new Pending(null, null);

    private SqliteJournal(final Path file, final Synchronous synchronous) {
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.synchronous = Objects.requireNonNull(synchronous, "synchronous");
        try {
            connection = connect();
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("CREATE TABLE IF NOT EXISTS runs (run_no INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "started_ms INTEGER NOT NULL)");
                s.executeUpdate("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "time_ms INTEGER NOT NULL, run_id TEXT NOT NULL, type TEXT NOT NULL, venue TEXT, market TEXT, "
                    + "client_order_id TEXT, side TEXT, status TEXT, size INTEGER, filled INTEGER, price INTEGER, "
                    + "detail TEXT)");
                s.executeUpdate("CREATE INDEX IF NOT EXISTS events_cid ON events(client_order_id)");
            }
            final long now = System.currentTimeMillis();
            final long runNo;
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO runs(started_ms) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS)) {
                p.setLong(1, now);
                p.executeUpdate();
                try (ResultSet keys = p.getGeneratedKeys()) {
                    keys.next();
                    runNo = keys.getLong(1);
                }
            }
            runId = runNo + "-" + Long.toString(now / 1000, 36);
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new JournalException("cannot open journal " + file + ": " + e.getMessage(), e);
        }
        writer = new Thread(this::writeLoop, "arb-journal");
        writer.setDaemon(true);
        writer.start();
        append(JournalEvent.note(runId, JournalEventType.RUN_START, runId));
    }

    /**
     * Opens (creating if needed) a journal file and starts its writer thread.
     *
     * @param file        the SQLite file
     * @param synchronous commit durability
     * @return the journal, with a new run id
     * @throws JournalException if the file cannot be opened or initialised
     */
    public static SqliteJournal open(final Path file, final Synchronous synchronous) {
        return new SqliteJournal(file, synchronous);
    }

    private Connection connect() throws SQLException {
        final Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + synchronous.name());
            s.execute("PRAGMA busy_timeout=5000");
        }
        return c;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public CompletableFuture<Void> append(final JournalEvent event) {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed.get()) {
            done.completeExceptionally(new JournalException("journal closed", null));
            return done;
        }
        queue.add(new Pending(Objects.requireNonNull(event, "event"), done));
        return done;
    }

    @Override
    public CompletableFuture<Void> flush() {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed.get()) {
            done.complete(null);
            return done;
        }
        queue.add(new Pending(null, done));
        return done;
    }

    private void writeLoop() {
        final List<Pending> batch = new ArrayList<>();
        boolean stop = false;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events(" + COLUMNS
            + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
            while (!stop) {
                batch.add(queue.take());
                queue.drainTo(batch);
                final List<CompletableFuture<Void>> done = new ArrayList<>(batch.size());
                try {
                    for (Pending p : batch) {
                        if (p == STOP) {
                            stop = true;
                            continue;
                        }
                        if (p.event() == null) {
                            done.add(p.done());
                            continue;
                        }
                        bind(insert, p.event());
                        insert.addBatch();
                        done.add(p.done());
                    }
                    insert.executeBatch();
                    connection.commit();
                    done.forEach(d -> d.complete(null));
                } catch (SQLException e) {
                    LOG.error("journal write failed; {} records not written", done.size(), e);
                    final JournalException failure = new JournalException("journal write failed: " + e.getMessage(), e);
                    done.forEach(d -> d.completeExceptionally(failure));
                    try {
                        connection.rollback();
                    } catch (SQLException ignored) {
                        // the next batch reports it again
                    }
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.error("journal writer failed", e);
        } finally {
            final JournalException failure = new JournalException("journal closed", null);
            Pending p;
            while ((p = queue.poll()) != null) {
                if (p != STOP && p.done() != null) {
                    p.done().completeExceptionally(failure);
                }
            }
        }
    }

    private static void bind(final PreparedStatement s, final JournalEvent e) throws SQLException {
        s.setLong(1, e.timeMs());
        s.setString(2, e.runId());
        s.setString(3, e.type().name());
        s.setString(4, e.venue());
        s.setString(5, e.market());
        s.setString(6, e.clientOrderId());
        s.setString(7, e.side());
        s.setString(8, e.status());
        s.setLong(9, e.size());
        s.setLong(10, e.filledSize());
        s.setLong(11, e.price());
        s.setString(12, e.detail());
    }

    @Override
    public List<JournalEvent> events() {
        return eventsAfter(0);
    }

    @Override
    public synchronized List<JournalEvent> eventsAfter(final long seq) {
        try {
            if (reader == null) {
                reader = connect();
            }
        } catch (SQLException e) {
            throw new JournalException("cannot read journal: " + e.getMessage(), e);
        }
        try (PreparedStatement s = reader.prepareStatement("SELECT seq, " + COLUMNS
            + " FROM events WHERE seq > ? ORDER BY seq")) {
            s.setLong(1, seq);
            final ResultSet r = s.executeQuery();
            final List<JournalEvent> out = new ArrayList<>();
            while (r.next()) {
                out.add(new JournalEvent(r.getLong(1), r.getLong(2), r.getString(3),
                    JournalEventType.valueOf(r.getString(4)), r.getString(5), r.getString(6), r.getString(7),
                    r.getString(8), r.getString(9), r.getLong(10), r.getLong(11), r.getLong(12), r.getString(13)));
            }
            return out;
        } catch (SQLException e) {
            throw new JournalException("cannot read journal: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.add(STOP);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
            synchronized (this) {
                if (reader != null) {
                    reader.close();
                }
            }
        } catch (SQLException e) {
            LOG.warn("closing the journal failed: {}", e.toString());
        }
    }
}
