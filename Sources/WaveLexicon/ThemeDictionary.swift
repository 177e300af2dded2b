import Foundation
import WaveText
import Yams

/// A theme dictionary: named themes, possibly nested, each with entries per
/// language. Entries are words, multiword phrases or `prefix*` globs.
///
/// Three file formats are read:
/// - Wavelength YAML (`version: 1`, `themes:` with `label`, `terms: {en: […], ja: […]}`
///   and optional `subthemes:`), our own format, documented in the README;
/// - quanteda-style YAML: nested mappings whose leaves are lists of entries
///   (entries apply to every language);
/// - LIWC `.dic`: a `%`-delimited category header, then `entry<TAB>category ids`.
public struct ThemeDictionary: Sendable {
    /// One theme. Its ``path`` joins the names from the top (`nostalgia/classic_works`).
    public struct Theme: Sendable, Hashable {
        public var path: String
        public var label: String
        public var description: String
        /// Entries per language; the ``Language/unknown`` key holds entries for all languages.
        public var terms: [Language: [String]]
        /// Generic entries that signal the theme only in context (`in_context:` in
        /// Wavelength YAML, same layout as `terms`): "future", "invest*", 投資. They
        /// count toward the whole page's hits like ``terms``, but toward the hits in
        /// target scope (the framing index) only in a sentence that names a target.
        public var contextTerms: [Language: [String]] = [:]
        public var parent: String?

        public init(path: String, label: String, description: String, terms: [Language: [String]],
                    contextTerms: [Language: [String]] = [:], parent: String?) {
            self.path = path; self.label = label; self.description = description
            self.terms = terms; self.contextTerms = contextTerms; self.parent = parent
        }

        /// Every entry, in-context ones included, per language.
        public var allTerms: [Language: [String]] { terms.merging(contextTerms) { $0 + $1 } }

        public var name: String { String(path.split(separator: "/").last ?? "") }
        public var isTopLevel: Bool { parent == nil }
    }

    /// Themes in file order, parents before their subthemes.
    public private(set) var themes: [Theme]
    /// Where it was read from.
    public var source: String

    public init(themes: [Theme], source: String) {
        self.themes = themes
        self.source = source
    }

    /// Top-level theme paths, in file order.
    public var topLevel: [String] { themes.filter(\.isTopLevel).map(\.path) }

    /// Reads a dictionary file, choosing the format by extension and content.
    /// - Throws: ``LexiconError`` naming the file and line.
    public init(contentsOf url: URL) throws {
        let text = try YAMLSupport.readText(url)
        if url.pathExtension.lowercased() == "dic" {
            try self.init(liwc: text, source: url.path)
        } else {
            try self.init(yaml: text, source: url.path)
        }
    }

    /// Parses YAML in the Wavelength or quanteda layout.
    public init(yaml: String, source: String) throws {
        let root = try YAMLSupport.compose(yaml, source: source)
        guard let root, let mapping = root.mapping else {
            throw LexiconError(.syntax, source: source, line: 1, reason: "expected a mapping of themes at the top level")
        }
        var themes: [Theme] = []
        if let themesNode = mapping["themes"] {
            guard let themeMap = themesNode.mapping else {
                throw LexiconError(.syntax, source: source, line: YAMLSupport.line(themesNode),
                                     reason: "`themes` must be a mapping of theme names")
            }
            try ThemeDictionary.readWavelength(themeMap, parent: nil, source: source, into: &themes)
        } else {
            try ThemeDictionary.readQuanteda(mapping, parent: nil, source: source, into: &themes)
        }
        if themes.isEmpty {
            throw LexiconError(.invalidEntry, source: source, reason: "the dictionary defines no themes")
        }
        self.init(themes: themes, source: source)
    }

    private static func readWavelength(_ map: Node.Mapping, parent: String?, source: String,
                                       into themes: inout [Theme]) throws {
        for (keyNode, value) in map {
            guard let name = keyNode.string, !name.isEmpty, !name.contains("/") else {
                throw LexiconError(.invalidEntry, source: source, line: YAMLSupport.line(keyNode),
                                     reason: "a theme name must be a non-empty string without '/'")
            }
            let path = parent.map { "\($0)/\(name)" } ?? name
            guard let body = value.mapping else {
                throw LexiconError(.syntax, source: source, line: YAMLSupport.line(value),
                                     reason: "theme `\(path)` must be a mapping with `terms`")
            }
            func entries(_ key: String) throws -> [Language: [String]] {
                var terms: [Language: [String]] = [:]
                guard let termsNode = body[key] else { return terms }
                if let byLanguage = termsNode.mapping {
                    for (langNode, list) in byLanguage {
                        guard let lang = langNode.string else { continue }
                        terms[Language(lang.lowercased()), default: []] +=
                            try YAMLSupport.strings(list, what: "\(key) of `\(path)`", source: source)
                    }
                } else {
                    terms[.unknown] = try YAMLSupport.strings(termsNode, what: "\(key) of `\(path)`", source: source)
                }
                return terms
            }
            themes.append(Theme(path: path, label: body["label"]?.string ?? name,
                                description: body["description"]?.string ?? "",
                                terms: try entries("terms"), contextTerms: try entries("in_context"), parent: parent))
            if let sub = body["subthemes"] {
                guard let subMap = sub.mapping else {
                    throw LexiconError(.syntax, source: source, line: YAMLSupport.line(sub),
                                         reason: "`subthemes` of `\(path)` must be a mapping")
                }
                try readWavelength(subMap, parent: path, source: source, into: &themes)
            }
        }
    }

    private static func readQuanteda(_ map: Node.Mapping, parent: String?, source: String,
                                     into themes: inout [Theme]) throws {
        for (keyNode, value) in map {
            guard let name = keyNode.string, !name.isEmpty else {
                throw LexiconError(.invalidEntry, source: source, line: YAMLSupport.line(keyNode),
                                     reason: "a theme name must be a non-empty string")
            }
            let path = parent.map { "\($0)/\(name)" } ?? name
            if value.sequence != nil || value.scalar != nil {
                let entries = try YAMLSupport.strings(value, what: "entries of `\(path)`", source: source)
                themes.append(Theme(path: path, label: name, description: "", terms: [.unknown: entries], parent: parent))
            } else if let sub = value.mapping {
                themes.append(Theme(path: path, label: name, description: "", terms: [:], parent: parent))
                try readQuanteda(sub, parent: path, source: source, into: &themes)
            }
        }
    }

    /// Parses a LIWC-format `.dic` file.
    public init(liwc text: String, source: String) throws {
        var categories: [String: String] = [:]   // id -> name
        var order: [String] = []
        var entries: [String: [String]] = [:]    // name -> entries
        var section = 0                          // 0 before header, 1 header, 2 body
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            if line == "%" { section += 1; continue }
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
            switch section {
            case 1:
                guard fields.count >= 2 else {
                    throw LexiconError(.syntax, source: source, line: index + 1,
                                         reason: "a category line needs an id and a name")
                }
                categories[fields[0]] = fields[1]
                order.append(fields[1])
            case 2:
                guard fields.count >= 2 else {
                    throw LexiconError(.syntax, source: source, line: index + 1,
                                         reason: "an entry line needs a word and at least one category id")
                }
                for id in fields.dropFirst() {
                    guard let name = categories[id] else {
                        throw LexiconError(.invalidEntry, source: source, line: index + 1,
                                             reason: "unknown category id \(id)")
                    }
                    entries[name, default: []].append(fields[0])
                }
            default:
                throw LexiconError(.syntax, source: source, line: index + 1,
                                     reason: "a LIWC dictionary starts with a line holding only %")
            }
        }
        if order.isEmpty {
            throw LexiconError(.syntax, source: source, reason: "no categories between the % lines")
        }
        self.init(themes: order.map { Theme(path: $0, label: $0, description: "",
                                            terms: [.unknown: entries[$0] ?? []], parent: nil) },
                  source: source)
    }

    /// The dictionary that ships with Wavelength.
    public static func shipped() throws -> ThemeDictionary {
        try ThemeDictionary(yaml: ShippedData.text("themes.yaml"), source: ShippedData.label("themes.yaml"))
    }

    /// Every multiword entry, per language (for the tokenizer's phrase merger).
    public func phrases(for languages: [Language]) -> [Language: [String]] {
        var result: [Language: [String]] = [:]
        for theme in themes {
            for (language, entries) in theme.allTerms {
                let targets = language == .unknown ? languages : [language]
                for target in targets {
                    result[target, default: []] += entries.filter { $0.contains(" ") && !$0.hasSuffix("*") }
                }
            }
        }
        return result
    }
}
