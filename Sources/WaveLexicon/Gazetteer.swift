import Foundation
import WaveText
import Yams

/// Names that mark a sentence as mentioning a target (Japan, Korea): places,
/// institutions, companies, groups, people and works, per language.
public struct Gazetteer: Sendable {
    public struct Target: Sendable, Hashable {
        public var key: String
        public var label: String
        public var terms: [Language: [String]]
        /// Languages in which the target is the home country (`home: [ja]`): text
        /// in them names it in passing, so its mentions weigh less for focus.
        public var home: [Language] = []

        public init(key: String, label: String, terms: [Language: [String]], home: [Language] = []) {
            self.key = key; self.label = label; self.terms = terms; self.home = home
        }
    }

    public var targets: [Target]
    public var source: String

    public init(targets: [Target], source: String) {
        self.targets = targets
        self.source = source
    }

    /// Reads a gazetteer YAML file (`targets:` → key → `label`, `terms: {lang: […]}`).
    public init(contentsOf url: URL) throws {
        try self.init(yaml: try YAMLSupport.readText(url), source: url.path)
    }

    public init(yaml: String, source: String) throws {
        let root = try YAMLSupport.compose(yaml, source: source)
        guard let targetsNode = root?.mapping?["targets"], let map = targetsNode.mapping else {
            throw LexiconError(.syntax, source: source, line: 1, reason: "expected `targets:` with a mapping of targets")
        }
        var targets: [Target] = []
        for (keyNode, body) in map {
            guard let key = keyNode.string, let fields = body.mapping else {
                throw LexiconError(.syntax, source: source, line: YAMLSupport.line(keyNode),
                                     reason: "each target must be a mapping with `label` and `terms`")
            }
            var terms: [Language: [String]] = [:]
            if let byLanguage = fields["terms"]?.mapping {
                for (langNode, list) in byLanguage {
                    guard let lang = langNode.string else { continue }
                    terms[Language(lang.lowercased())] = try YAMLSupport.strings(list, what: "terms of `\(key)`", source: source)
                }
            }
            let home = try fields["home"].map { try YAMLSupport.strings($0, what: "home of `\(key)`", source: source) } ?? []
            targets.append(Target(key: key, label: fields["label"]?.string ?? key, terms: terms,
                                  home: home.map { Language($0.lowercased()) }))
        }
        self.init(targets: targets, source: source)
    }

    /// The gazetteer that ships with Wavelength (Japan and Korea).
    public static func shipped() throws -> Gazetteer {
        try Gazetteer(yaml: ShippedData.text("gazetteer.yaml"), source: ShippedData.label("gazetteer.yaml"))
    }
}
