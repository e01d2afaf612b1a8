/**
 * The durable journal: every order intent (committed before the order is sent), venue answer,
 * lookup, unwind step, breaker event and reconciliation outcome, written by one thread to SQLite
 * ({@link dev.arb.executor.journal.SqliteJournal}) and replayed at restart
 * ({@link dev.arb.executor.journal.JournalState}).
 */
package dev.arb.executor.journal;
