import GRDB
import GRDBSQLite

/// `hanmine_rank(search)`: an FTS5 ranking function that scores a row by how many times the
/// query's phrases occur in it (negated, so that `ORDER BY` ascending puts the most first,
/// like `bm25`).
///
/// Why not BM25: BM25 needs each matching document's length, one lookup in FTS5's docsize
/// table per match. A template word occurs in every report of a disclosure corpus, and on
/// 100,000 reports those lookups alone take about 100 ms, twice the latency budget of
/// `hanmine search`; counting instances reuses the position lists the phrase match has already
/// read. `SearchRequest.Ranking.bm25` keeps BM25 for whoever wants it.
enum SearchRank {
    static let name = "hanmine_rank"

    static func register(_ db: Database) {
        let api = FTS5.api(db)
        let code = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), name, nil, rankFunction, nil)
        precondition(code == SQLITE_OK, "FTS5 refused the ranking function \(name): \(code)")
    }
}

private func rankFunction(_ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ context: OpaquePointer?,
                          _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let api else { return }
    var instances: Int32 = 0
    let code = api.pointee.xInstCount(fts, &instances)
    if code != SQLITE_OK {
        sqlite3_result_error_code(context, code)
        return
    }
    sqlite3_result_double(context, -Double(instances))
}
