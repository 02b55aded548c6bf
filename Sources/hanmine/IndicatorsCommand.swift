import ArgumentParser
import HanCore
import HanStore

/// The options shared by `indicators`, `plot` and `report`: which reports count.
struct IndicatorFilterOptions: ParsableArguments {
    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Only these agencies (exact names as stored).", valueName: "name"))
    var agency: [String] = []

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Only reports on these years.", valueName: "year"))
    var year: [Int] = []

    @Flag(name: .long, help: "Only reports whose every table cell was read (a blank printed as blank counts as read).")
    var complete = false

    @Flag(name: .long, help: "Only complete reports whose checks (勾稽关系) do not fail.")
    var checked = false

    func apply(to query: inout IndicatorQuery) {
        query.agencies = agency
        query.years = year
        query.complete = complete
        query.checked = checked
    }
}

extension Indicator {
    /// The indicators called `names`, or a usage error listing the known ones.
    static func named(_ names: [String]) throws(HanError) -> [Indicator] {
        var out: [Indicator] = []
        for name in names {
            guard let indicator = Indicators.named(name) else {
                throw HanError(.usage, "no indicator '\(name)'; known: \(Indicators.all.map(\.name).joined(separator: ", "))")
            }
            out.append(indicator)
        }
        return out
    }
}

extension IndicatorQuery.Grouping: ExpressibleByArgument {}

struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Grant rates, refusals by reason, review and lawsuit outcomes: per report, year or agency.",
        discussion: """
        Every indicator is a sum of table cells, a rate divides it by another sum (a plain
        fraction at full precision, 0.619047…). A blank cell or a 0 denominator gives an empty
        value (null in jsonl) and the reason in `notes`, never NaN. The formulas (the store's
        `indicators` view computes the same):

        \(Indicators.all.map { "  \($0.name): \($0.doc)" }.joined(separator: "\n"))

        --by year|agency|agency,year aggregates the current reports: a rate is the ratio of the
        sums (Σ numerators / Σ denominators over the reports that print its cells), not a mean
        of the reports' rates; `reports` is how many reports with tables the row rests on.
        --change adds <name>_change: the difference from the previous year (per agency).
        Without --by: one row per report.

        Examples:
          hanmine indicators --by year
          hanmine indicators --by agency,year --indicator grant_rate review_correction_rate --change
          hanmine indicators --agency 某县政府办公室 --complete --format csv
        """
    )

    @Option(name: .long, help: "Aggregate by year, agency or agency,year (default: one row per report).")
    var by: IndicatorQuery.Grouping = .document

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Only these indicators (default: all).", valueName: "name"))
    var indicator: [String] = []

    @Flag(name: .long, help: "Add the year-on-year change of each indicator (per agency with --by agency,year).")
    var change = false

    @OptionGroup var filter: IndicatorFilterOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TableFormatOptions

    func run() throws {
        let corpus = try store.open(.readOnly)
        var query = IndicatorQuery(grouping: by, indicators: indicator.isEmpty ? Indicators.all : try Indicator.named(indicator))
        filter.apply(to: &query)
        query.change = change
        let table = try corpus.indicators(query)
        let writer = TableWriter(format: output.resolved)
        try writer.start(columns: table.columns)
        for row in table.rows {
            var row = row
            if output.resolved == .table, let index = table.columns.firstIndex(of: "path"), case .text(let path) = row[index] {
                row[index] = .text(SearchCommand.shortPath(path))
            }
            try writer.row(row)
        }
        try writer.finish()
    }
}
