import HanCore

/// The structure of one document, found in one pass over its normalised text: the outline
/// (`sections`) and the problems and measures enumerated in it (`ItemLists`).
struct DocumentStructure {
    var sections: [Section]
    var problems: [ItemField]
    var measures: [ItemField]

    init(_ context: RuleContext, hasTables: Bool) {
        let text = ScalarText(context.text)
        let markers = MarkerScanner.scan(text)
        let tree = SectionTree(text: text, markers: markers, hasTables: hasTables)
        sections = tree.sections(context)
        (problems, measures) = ItemLists.extract(tree, context, markers: markers)
    }
}
