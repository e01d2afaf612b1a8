package dev.arb.examples;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads a running bot's SQLite journal from a test (a second, read-only connection; the bot's writer is untouched). */
final class JournalProbe {
    private final String url;

    JournalProbe(final Path file) {
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /**
     * @return the sequence number of the first event of {@code type} after {@code afterSeq} whose detail
     *     contains {@code text}, or -1 (also while the journal does not exist yet)
     */
    long find(final String type, final String text, final long afterSeq) {
        if (!java.nio.file.Files.exists(Path.of(url.substring("jdbc:sqlite:".length())))) {
            return -1;
        }
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement p = c.prepareStatement("SELECT seq FROM events WHERE type = ? AND seq > ? "
                 + "AND detail LIKE ? ORDER BY seq LIMIT 1")) {
            p.setString(1, type);
            p.setLong(2, afterSeq);
            p.setString(3, "%" + text + "%");
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1; // the table is created by the bot at start
        }
    }

    /** @return the detail of event {@code seq} */
    String detail(final long seq) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement p = c.prepareStatement("SELECT detail FROM events WHERE seq = ?")) {
            p.setLong(1, seq);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /** @return the first entry intent (a non-reduce-only order) after {@code afterSeq}, or -1 */
    long entryIntentAfter(final long afterSeq) {
        if (!java.nio.file.Files.exists(Path.of(url.substring("jdbc:sqlite:".length())))) {
            return -1;
        }
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement p = c.prepareStatement("SELECT seq FROM events WHERE type = 'INTENT' AND seq > ? "
                 + "AND detail = 'LIMIT' ORDER BY seq LIMIT 1")) {
            p.setLong(1, afterSeq);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }
}
