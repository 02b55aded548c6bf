import Foundation
import GRDB
import HanCore
import HanText

/// The `agencies` table: every name a body goes by, linked to the body it names.
///
/// Links, each a naming convention (`AgencyName`), never a guess from how alike two names look:
/// - government: X人民政府… and X政府… are one body;
/// - higher_levels: a name without the province or city it opens with (东宝区人民政府 for
///   荆门市东宝区人民政府), linked only when exactly one longer name in the store shortens to it
///   (鼓楼区 is a district of several cities: then the short name stays a body of its own);
/// - user: a line `alias<TAB>canonical` of `ingest --aliases FILE` (renames, abbreviations).
/// A body is named by its longest name (ties: the smallest in code-point order), so the table
/// does not depend on the order documents arrived in; it is rebuilt after every ingest.
enum Agencies {
    /// A function from a printed name to its canonical form (ICU's traditional → simplified).
    static func canonicalizer() throws(HanError) -> (String) -> String? {
        let normalizer = try CharacterNormalizer(options: .init(halfWidth: true, traditionalToSimplified: true))
        return { name in
            AgencyName.canonical(name) { String(decoding: normalizer.normalize(Array($0.utf8)).text, as: UTF8.self) }
        }
    }

    static func refresh(_ db: Database) throws {
        var names = Set(try String.fetchAll(db, sql: "SELECT DISTINCT agency_canonical FROM documents WHERE agency_canonical IS NOT NULL"))
        let aliases = try Row.fetchAll(db, sql: "SELECT alias, canonical FROM agency_aliases").map { ($0[0] as String, $0[1] as String) }
        for (alias, canonical) in aliases {
            names.insert(alias)
            names.insert(canonical)
        }
        var links = Links(Array(names))
        var why: [String: String] = [:]
        // X人民政府 = X政府.
        var byGovernmentForm: [String: [String]] = [:]
        for name in names { byGovernmentForm[AgencyName.governmentForm(name), default: []].append(name) }
        for group in byGovernmentForm.values where group.count > 1 {
            for name in group.dropFirst() { links.union(group[0], name) }
            for name in group { why[name] = "government" }
        }
        // Without the city: only where the short form has exactly one long form.
        var longForms: [String: Set<String>] = [:]
        for name in names {
            if let short = AgencyName.withoutHigherLevels(AgencyName.governmentForm(name)) {
                longForms[short, default: []].insert(AgencyName.governmentForm(name))
            }
        }
        for (short, longs) in longForms where longs.count == 1 {
            guard let shortNames = byGovernmentForm[short], let long = byGovernmentForm[longs.first!]?.first else { continue }
            for name in shortNames {
                links.union(long, name)
                why[name] = "higher_levels"
            }
        }
        for (alias, canonical) in aliases {
            links.union(canonical, alias)
            why[alias] = "user"
        }
        try db.execute(sql: "DELETE FROM agencies")
        let insert = try db.makeStatement(sql: "INSERT INTO agencies (name, body, link) VALUES (?, ?, ?)")
        var bodies: [String: String] = [:]
        for name in names {
            let root = links.find(name)
            if let body = bodies[root], !Self.isBetterBody(name, than: body) { continue }
            bodies[root] = name
        }
        for name in names.sorted() {
            let body = bodies[links.find(name)]!
            try insert.execute(arguments: [name, body, name == body ? "self" : why[name] ?? "government"])
        }
    }

    static func isBetterBody(_ name: String, than other: String) -> Bool {
        let (a, b) = (name.unicodeScalars.count, other.unicodeScalars.count)
        return a != b ? a > b : name.unicodeScalars.lexicographicallyPrecedes(other.unicodeScalars)
    }

    /// Union-find over names.
    struct Links {
        var parent: [String: String] = [:]
        init(_ names: [String]) { for name in names { parent[name] = name } }
        mutating func find(_ name: String) -> String {
            var root = name
            while let up = parent[root], up != root { root = up }
            var node = name
            while let up = parent[node], up != root { parent[node] = root; node = up }
            return root
        }
        mutating func union(_ a: String, _ b: String) {
            let (x, y) = (find(a), find(b))
            if x != y { parent[y] = x }
        }
    }

    /// Reads `alias<TAB>canonical` lines (blank lines and `#` comments skipped); both sides are
    /// canonicalised. A malformed line is a usage error naming its number.
    static func parseAliasFile(_ text: String, path: String) throws(HanError) -> [(alias: String, canonical: String)] {
        let canonical = try canonicalizer()
        var out: [(String, String)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2, let alias = canonical(String(parts[0])), let target = canonical(String(parts[1])) else {
                throw HanError(.usage, "line \(number + 1): expected 'alias<TAB>canonical name', both with Chinese characters", path: path)
            }
            if alias != target { out.append((alias, target)) }
        }
        return out
    }
}

extension CorpusStore {
    /// Stores a user's aliases (replacing earlier ones for the same alias) and rebuilds `agencies`.
    public func addAgencyAliases(fileText: String, path: String) throws(HanError) -> Int {
        let aliases = try Agencies.parseAliasFile(fileText, path: path)
        do {
            try queue.write { db in
                for (alias, canonical) in aliases {
                    try db.execute(sql: "INSERT OR REPLACE INTO agency_aliases (alias, canonical) VALUES (?, ?)", arguments: [alias, canonical])
                }
                try Agencies.refresh(db)
            }
        } catch {
            throw Self.describe(error, path: self.path, doing: "write")
        }
        return aliases.count
    }
}
