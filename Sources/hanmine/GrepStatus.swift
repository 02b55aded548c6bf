import ArgumentParser
import HanCore
import HanPrint
import HanStore

/// grep's exit status for the commands that list things (search, check): 0 something listed,
/// 1 nothing listed, 2 usage or any error (the store missing or corrupt, bad SQL).
enum GrepStatus {
    static let help = "Exit status (as grep's): 0 something listed, 1 nothing listed, 2 usage or error."

    /// Runs `body`, which returns how many things it listed.
    static func run(_ body: () throws -> Int) throws {
        let listed: Int
        do {
            listed = try body()
        } catch let error as HanError where error.code == .brokenPipe {
            throw error
        } catch let error as HanError {
            printError("hanmine: \(error)")
            throw ExitCode(2)
        }
        if listed == 0 { throw ExitCode.failure }
    }
}

/// `--all-copies`: commands that count or export take one document per report (primaries:
/// `copy_of` NULL) unless asked for every captured copy.
struct CopiesOptions: ParsableArguments {
    @Flag(name: .long, help: "Take every copy of a report captured twice, not only its primary (see 'hanmine search' copy_of).")
    var allCopies = false

    /// The SQL condition on documents `d`.
    var condition: String { allCopies ? "1" : "d.copy_of IS NULL" }
}

/// `--section ROLE` on search and export: what stands in the parts of a report that play one
/// template role (the outline's `sections`; `problems` and `measures` also the extracted items).
struct SectionOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Only what stands in parts of this role: \(SectionRole.allCases.filter { $0 != .unknown }.map(\.rawValue).joined(separator: ", ")).",
        valueName: "role"))
    var section: SectionRole?

    var filter: SectionFilter? { section.map(SectionFilter.init) }
}

extension SectionRole: ExpressibleByArgument {}
