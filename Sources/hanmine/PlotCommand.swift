import ArgumentParser
import HanChart
import HanCore
import HanPrint
import HanReport
import HanStore
#if canImport(Glibc)
import Glibc
#endif

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Chart an indicator: a line over the years, bars across agencies, or stacked outcome shares (SVG).",
        discussion: """
        INDICATOR is a name of `hanmine indicators` (grant_rate, review_correction_rate, …), or
        `outcomes` for the shares of handled applications by outcome as stacked bars (all six on the
        same reports: those printing every outcome cell).
        --by year: a line over the years (one per agency when --agency names several);
        --by agency: bars across the agencies with the most reports (--top). Values are the
        ratio-of-sums aggregates of `hanmine indicators`.

        --out FILE writes an SVG (Chinese labels, CJK font stack; opens in any browser and
        imports into Word or LaTeX via Inkscape). Without --out: Unicode bars on a terminal,
        the SVG on standard output otherwise.

        Examples:
          hanmine plot grant_rate --by year --out grant-rate.svg
          hanmine plot grant_rate --by year --agency 某县政府办公室 某区教育局 --out two.svg
          hanmine plot denial_rate --by agency --top 15
          hanmine plot outcomes --by year --out outcomes.svg
        """
    )

    enum Axis: String, ExpressibleByArgument, CaseIterable { case year, agency }

    @Argument(help: "The indicator, or 'outcomes'.")
    var indicator: String

    @Option(name: .long, help: "year: a trend; agency: bars across agencies.")
    var by: Axis = .year

    @Option(name: .long, help: "With --by agency: the agencies with the most reports to show.")
    var top = 20

    @Option(name: .long, help: ArgumentHelp("Write the SVG here.", valueName: "file"))
    var out: String?

    @OptionGroup var filter: IndicatorFilterOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (1...500).contains(top) else { throw ValidationError("--top must be between 1 and 500") }
    }

    func run() throws {
        let corpus = try store.open(.readOnly)
        let outcomes = indicator == IndicatorCharts.outcomes
        let indicators = outcomes ? try Indicator.named(Indicators.outcomeShares) : try Indicator.named([indicator])
        let grouping: IndicatorQuery.Grouping = by == .agency ? .agency : (filter.agency.count > 1 && !outcomes ? .agencyYear : .year)
        var query = IndicatorQuery(grouping: grouping, indicators: indicators)
        filter.apply(to: &query)
        query.sameReports = outcomes
        let table = try corpus.indicators(query)
        guard !table.rows.isEmpty else {
            throw HanError(.usage, "no reports with tables match; nothing to plot")
        }
        let chart: Chart
        if outcomes {
            chart = IndicatorCharts.outcomeShares(table)
        } else if by == .agency {
            chart = IndicatorCharts.across(table, indicators[0], top: top)
        } else {
            chart = IndicatorCharts.trend(table, indicators[0])
        }
        if let out {
            try ReportSite.save(SVGChart.render(chart), to: out)
        } else if isatty(1) == 1 {
            let sink = OutputSink()
            try sink.write(TextChart.render(chart, width: Self.terminalWidth()))
            try sink.flush()
        } else {
            let sink = OutputSink()
            try sink.write(SVGChart.render(chart))
            try sink.flush()
        }
    }

    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 80
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a static site of the corpus's indicators: DIR/index.html, a page per agency, CSV tables.",
        discussion: """
        index.html: the corpus in figures, the indicators by year (tables and charts: the grant
        rate, the outcome shares, review and lawsuit correction rates), the agencies (bars and
        a table, each linking to its page), and every indicator's formula. agencies/N.html: one
        agency by year, for the --agency-pages agencies with the most reports (agencies.html
        lists them). indicators-by-year.csv, indicators-by-agency-year.csv: every indicator.
        Pages need nothing from the network and run no script: open index.html from disk.

        Examples:
          hanmine report --out site/
          hanmine report --out site/ --complete --year 2021 2022 2023
        """
    )

    @Option(name: .long, help: ArgumentHelp("The folder to write (created if missing).", valueName: "dir"))
    var out: String

    @Option(name: .long, help: "How many agencies (those with the most reports) get a page; the CSV holds all.")
    var agencyPages = 200

    @OptionGroup var filter: IndicatorFilterOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (0...100_000).contains(agencyPages) else { throw ValidationError("--agency-pages must be between 0 and 100000") }
    }

    func run() throws {
        let corpus = try store.open(.readOnly)
        var base = IndicatorQuery(grouping: .year)
        filter.apply(to: &base)
        let written = try ReportSite(store: corpus, base: base, agencyPages: agencyPages).write(to: out)
        printError("wrote \(written.count) files; open \(out.hasSuffix("/") ? out : out + "/")index.html")
    }
}
