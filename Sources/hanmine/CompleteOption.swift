import ArgumentParser
import HanStore

/// `--complete` for the commands that read table cells: only reports whose table cells were all
/// read, so a figure says how many reports it rests on.
struct CompleteOption: ParsableArguments {
    @Flag(name: .long, help: """
        Only reports whose table cells were all read (none ambiguous or unread; cells printed blank count as read).
        """)
    var complete = false

    /// ` AND <condition>` on the documents alias `alias` when `--complete` is given, else empty.
    func condition(documentAlias alias: String = "d") -> String {
        complete ? " AND " + TableQualityFilter.complete(documentAlias: alias) : ""
    }
}
