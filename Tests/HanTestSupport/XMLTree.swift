import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML document as a tree, for tests that read back SVG and XHTML output.
public final class XMLNode {
    public let name: String
    public let attributes: [String: String]
    public var children: [XMLNode] = []
    public var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Every element below (and including) this one, in document order.
    public var descendants: [XMLNode] { [self] + children.flatMap(\.descendants) }

    /// The elements named `name` with `class` containing `className` (when given).
    public func all(_ name: String, class className: String? = nil) -> [XMLNode] {
        descendants.filter { node in
            node.name == name && (className.map { (node.attributes["class"] ?? "").split(separator: " ").contains(Substring($0)) } ?? true)
        }
    }

    /// The text of this element and all below it.
    public var allText: String { text + children.map(\.allText).joined() }

    /// Parses `data`; throws when it is not well-formed XML.
    public static func parse(_ data: Data) throws -> XMLNode {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw XMLTreeError(message: parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return root
    }

    final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let node = XMLNode(name: elementName, attributes: attributes)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

public struct XMLTreeError: Error, CustomStringConvertible {
    public init(message: String) { self.message = message }
    public let message: String
    public var description: String { message }
}
