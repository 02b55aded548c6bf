#ifndef HANMINE_SQLITE_GUARD_H
#define HANMINE_SQLITE_GUARD_H

/*
 * The settings of a SQLite connection that runs SQL a user typed (`hanmine query`).
 *
 * `sqlite3_db_config` is variadic, which Swift cannot call: these wrappers do it. The connection
 * is passed as `void *` so this header includes no SQLite header (GRDB's module owns it).
 */

/// Locks a connection down: FTS3's pointer-taking `fts3_tokenizer` off, extension loading off,
/// defensive mode on (no writable_schema, no shadow-table writes), schema-borne functions and
/// virtual tables untrusted, no attached database at all. Returns 0 (SQLITE_OK) or the SQLite
/// code of the first setting that failed.
int hm_sqlite_lock_down(void *connection);

/// Whether two-argument `fts3_tokenizer` is enabled (1), disabled (0), or unknown (-1).
int hm_sqlite_fts3_tokenizer_enabled(void *connection);

/// Whether defensive mode is on (1), off (0), or unknown (-1).
int hm_sqlite_defensive_enabled(void *connection);

#endif
