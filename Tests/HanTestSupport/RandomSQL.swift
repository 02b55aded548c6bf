/// Random SQL for the `query` lockdown: mostly valid statements over the store's tables,
/// functions and the full-text index, mixed with every kind of statement a reader must not run
/// (writes, ATTACH, PRAGMA changes, transactions, pointer and file functions, huge values,
/// endless recursion). Driven by a stream of choices, so the same generator serves a seeded
/// test and libFuzzer (whose input bytes are the choices): structure-aware fuzzing.
public struct RandomSQL {
    /// Where choices come from: `next(bound)` is in `0..<bound`.
    public protocol Choices {
        mutating func next(_ bound: Int) -> Int
    }

    /// A seeded generator (xorshift), for tests.
    public struct Seeded: Choices {
        var state: UInt64
        public init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
        public mutating func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(max(1, bound)))
        }
    }

    /// Bytes as choices (libFuzzer); zeros once they run out.
    public struct Bytes: Choices {
        let bytes: [UInt8]
        var index = 0
        public init(_ bytes: [UInt8]) { self.bytes = bytes }
        public mutating func next(_ bound: Int) -> Int {
            guard index < bytes.count, bound > 1 else { return 0 }
            var value = Int(bytes[index])
            index += 1
            if bound > 256, index < bytes.count {
                value = value << 8 | Int(bytes[index])
                index += 1
            }
            return value % bound
        }
    }

    static let tables = ["documents", "current_documents", "texts", "fields", "cells", "cell_keys", "table_cells",
                         "applications_wide", "proactive_wide", "review_litigation_wide", "checks", "warnings", "failures",
                         "search", "sqlite_master", "search_data", "search_idx", "search_config", "dbstat",
                         "pragma_table_info('documents')", "json_each('[1,[2,3],{\"a\":null}]')", "grdb_migrations"]
    static let columns = ["id", "path", "year", "agency", "profile", "title", "version", "is_current", "body", "kind", "text",
                          "value", "rule", "ok", "detail", "code", "message", "rowid", "sha256", "bytes", "name", "sql",
                          "document_id", "span_start", "span_end", "search", "*", "row", "total", "key", "type"]
    static let functions = ["abs", "length", "lower", "upper", "hex", "quote", "typeof", "substr", "replace", "instr", "trim",
                            "coalesce", "ifnull", "nullif", "max", "min", "count", "sum", "total", "avg", "group_concat",
                            "json", "json_extract", "json_array", "json_object", "json_group_array", "printf", "format",
                            "char", "unicode", "zeroblob", "randomblob", "round", "random", "like", "glob", "likely",
                            "sqlite_version", "changes", "total_changes", "last_insert_rowid", "highlight", "snippet",
                            "bm25", "hanmine_rank", "fts3_tokenizer", "fts5", "load_extension", "readfile", "writefile",
                            "edit", "sqlite_compileoption_get", "iif", "soundex", "lower", "unhex", "sin", "pow", "log"]
    static let literals = ["0", "1", "-1", "2023", "NULL", "''", "'行政复议'", "'%公开%'", "x'4141414141414141'", "x''",
                           "9223372036854775807", "-9223372036854775808", "1e308", "'simple'", "'porter'", "'main'",
                           "1000000000", "2147483647", "'[1,2]'", "'$.a'", "'%.*c'", "0.5", "'\\'", "'\u{FFFD}'", "?1", ":x"]
    static let hostile = [
        "ATTACH '/tmp/hanmine-fuzz-other.sqlite' AS e", "ATTACH ':memory:' AS m", "DETACH main",
        "VACUUM", "VACUUM INTO '/tmp/hanmine-fuzz-copy.sqlite'", "ANALYZE", "REINDEX",
        "BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK", "SAVEPOINT s", "RELEASE s",
        "INSERT INTO failures VALUES ('x', NULL, 'c', 'm', 'now')", "DELETE FROM documents", "UPDATE documents SET year = 1",
        "DROP VIEW current_documents", "DROP TABLE texts", "CREATE TABLE x (a)", "CREATE TEMP TABLE x (a)",
        "CREATE TEMP VIEW v AS SELECT 1", "CREATE TEMP TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END",
        "CREATE VIRTUAL TABLE temp.f USING fts3(x, tokenize=simple)", "CREATE VIRTUAL TABLE temp.t USING fts3tokenize(simple)",
        "INSERT INTO search(search) VALUES ('rebuild')", "INSERT INTO search(search) VALUES ('delete-all')",
        "INSERT INTO search(search) VALUES ('integrity-check')", "UPDATE sqlite_master SET sql = ''",
        "SELECT fts3_tokenizer('simple', x'4141414141414141')", "SELECT fts3_tokenizer('simple')",
        "SELECT load_extension('/lib/x86_64-linux-gnu/libc.so.6')", "SELECT writefile('/tmp/hanmine-fuzz-w', 'x')",
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c",
        "SELECT length(zeroblob(2000000000))", "SELECT length(printf('%.*c', 900000000, 'x'))",
        "SELECT count(*) FROM texts a, texts b, texts c, texts d, texts e",
    ]
    static let pragmas = ["query_only", "writable_schema", "trusted_schema", "journal_mode", "user_version", "application_id",
                          "schema_version", "table_info", "integrity_check", "quick_check", "cache_size", "mmap_size",
                          "temp_store_directory", "locking_mode", "wal_checkpoint", "foreign_keys", "cell_size_check",
                          "function_list", "module_list", "compile_options", "optimize", "shrink_memory", "data_version"]
    static let matchQueries = ["行政复议", "政府 AND 信息", "\"依申请 公开\"", "公开*", "NEAR(政府 公开, 3)", "body: 年度",
                               "^政府", "a OR b NOT c", "\"", "(((", "*", "- 公开", "{body}: 报告", "NEAR(", "公开 OR"]

    public init() {}

    /// One statement, or (one time in four) two to four separated by `;`.
    public func script<C: Choices>(_ choices: inout C) -> String {
        let count = choices.next(4) == 0 ? 2 + choices.next(3) : 1
        return (0..<count).map { _ in statement(&choices) }.joined(separator: "; ")
    }

    func statement<C: Choices>(_ c: inout C) -> String {
        switch c.next(10) {
        case 0: return Self.hostile[c.next(Self.hostile.count)]
        case 1:
            let pragma = Self.pragmas[c.next(Self.pragmas.count)]
            switch c.next(3) {
            case 0: return "PRAGMA \(pragma)"
            case 1: return "PRAGMA \(pragma) = \(literal(&c))"
            default: return "PRAGMA \(pragma)(\(literal(&c)))"
            }
        case 2:
            return "SELECT rowid, \(["highlight(search, 0, '[', ']')", "snippet(search, 0, '<', '>', '…', 8)", "bm25(search)", "hanmine_rank(search)"][c.next(4)]) "
                + "FROM search WHERE search MATCH '\(Self.matchQueries[c.next(Self.matchQueries.count)])' LIMIT \(c.next(20))"
        case 3:
            return "WITH RECURSIVE r(n) AS (SELECT \(literal(&c)) UNION ALL SELECT n + 1 FROM r WHERE n < \(c.next(100000))) "
                + "SELECT \(expression(&c, depth: 1)) FROM r"
        default:
            return select(&c, depth: 0)
        }
    }

    func select<C: Choices>(_ c: inout C, depth: Int) -> String {
        var sql = "SELECT " + (0...c.next(3)).map { _ in expression(&c, depth: depth + 1) }.joined(separator: ", ")
        let table = Self.tables[c.next(Self.tables.count)]
        sql += " FROM " + table
        if c.next(4) == 0 { sql += " JOIN " + Self.tables[c.next(Self.tables.count)] + " ON " + expression(&c, depth: depth + 1) }
        if c.next(2) == 0 { sql += " WHERE " + expression(&c, depth: depth + 1) }
        if c.next(4) == 0 { sql += " GROUP BY " + expression(&c, depth: depth + 1) }
        if c.next(3) == 0 { sql += " ORDER BY " + expression(&c, depth: depth + 1) + (c.next(2) == 0 ? " DESC" : "") }
        if c.next(2) == 0 { sql += " LIMIT \(literal(&c))" }
        return sql
    }

    func literal<C: Choices>(_ c: inout C) -> String { Self.literals[c.next(Self.literals.count)] }

    func expression<C: Choices>(_ c: inout C, depth: Int) -> String {
        if depth > 4 { return c.next(2) == 0 ? literal(&c) : Self.columns[c.next(Self.columns.count)] }
        switch c.next(9) {
        case 0, 1: return literal(&c)
        case 2, 3: return Self.columns[c.next(Self.columns.count)]
        case 4:
            let function = Self.functions[c.next(Self.functions.count)]
            return function + "(" + (0..<c.next(4)).map { _ in expression(&c, depth: depth + 1) }.joined(separator: ", ") + ")"
        case 5:
            let operators = ["+", "-", "*", "/", "%", "||", "=", "<>", "<", ">=", "AND", "OR", "LIKE", "GLOB", "IS", "IN", "MATCH", "->", "->>", "<<", "&"]
            return "(" + expression(&c, depth: depth + 1) + " " + operators[c.next(operators.count)] + " " + expression(&c, depth: depth + 1) + ")"
        case 6: return "(" + select(&c, depth: depth + 1) + ")"
        case 7: return "CAST(" + expression(&c, depth: depth + 1) + " AS " + ["TEXT", "BLOB", "INTEGER", "REAL"][c.next(4)] + ")"
        default: return "CASE WHEN " + expression(&c, depth: depth + 1) + " THEN " + literal(&c) + " ELSE " + expression(&c, depth: depth + 1) + " END"
        }
    }
}
