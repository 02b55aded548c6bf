import ArgumentParser
import CICU
import HanCore
import HanPrint
#if canImport(Glibc)
import Glibc
#endif

@main
struct HanMineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hanmine",
        abstract: "Mine Chinese government reports: tokenize, extract typed records, build and query a corpus.",
        discussion: """
        Exit status: 0 success, 1 bad input (a file that could not be read or decoded) or an
        error, 2 usage. search and check as grep's: 0 something listed, 1 nothing listed, 2 usage
        or error. Each command's help says which. Errors name the file and byte offset; a closed
        pipe (| head) ends quietly.
        """,
        subcommands: [TokenizeCommand.self, ExtractCommand.self,
                      IngestCommand.self, QueryCommand.self, SearchCommand.self, FreqCommand.self, CheckCommand.self,
                      StatsCommand.self, ExportCommand.self, AgenciesCommand.self, IndicatorsCommand.self, PlotCommand.self,
                      ReportCommand.self, GenerateCommand.self, VerifyCommand.self, ShowCommand.self]
    )

    static func main() {
        signal(SIGPIPE, SIG_IGN)
        // Ctrl-C and kill end a run at once (a read-only query leaves nothing half done; ingest
        // commits whole batches), even when the launcher passed its blocked-signal mask on.
        var interrupts = sigset_t()
        sigemptyset(&interrupts)
        sigaddset(&interrupts, SIGINT)
        sigaddset(&interrupts, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &interrupts, nil)
        // Large buffers (pieces, token arrays) come and go at many sizes. With glibc's sliding mmap
        // threshold they end up on the heap and fragment it, and peak memory creeps up with the
        // input's size; a fixed threshold keeps them mapped and returned to the system when freed.
        hm_set_mmap_threshold(256 * 1024)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as HanError where error.code == .brokenPipe {
            Glibc.exit(0)
        } catch let error as HanError {
            printError("hanmine: \(error)")
            Glibc.exit(error.code == .usage ? 2 : 1)
        } catch let error as ExitCode {
            Glibc.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Self.exit(withError: error)
            }
            printError(fullMessage(for: error))
            Glibc.exit(2)
        }
    }
}
