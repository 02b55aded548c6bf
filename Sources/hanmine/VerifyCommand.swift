import ArgumentParser
import HanCore
import HanPrint
import HanStore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the corpus store for damage without changing it.",
        discussion: """
        Runs SQLite's full integrity check, compares the full-text index with the current
        documents and runs FTS5's own check of the index (in a transaction that is rolled
        back). Prints "ok" (exit 0) or one problem a line (exit 1).

        Ingest runs a quicker check (SQLite's quick_check) before it writes into a store of up
        to 1 GiB, and refuses a damaged one, leaving it unchanged.

        Examples:
          hanmine verify --db corpus.sqlite
        """
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        let problems = try CorpusStore.verify(path: store.db)
        guard problems.isEmpty else {
            for problem in problems { printError("hanmine: \(store.db): \(problem)") }
            throw ExitCode.failure
        }
        print("ok")
    }
}
