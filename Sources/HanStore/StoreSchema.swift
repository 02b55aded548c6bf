/// The corpus store: one SQLite file per corpus (GRDB, WAL). This module is the only one that
/// talks to SQLite.
public enum StoreSchema {
    /// The schema version this build writes; a file with a higher one is refused, not changed.
    public static let currentVersion = 1
}
