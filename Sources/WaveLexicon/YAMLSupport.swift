import Foundation
import Yams

/// Small helpers for reading YAML nodes with line numbers.
enum YAMLSupport {
    static func line(_ node: Node) -> Int? { node.mark.map { $0.line } }

    /// Reads a UTF-8 text file, as an ``LexiconError`` naming it on failure.
    static func readText(_ url: URL) throws -> String {
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
            throw LexiconError(.unreadable, source: url.path, reason: "cannot read the file as UTF-8 (\(error.localizedDescription))")
        }
    }

    /// Parses YAML into a node tree, as an ``LexiconError`` with the line on failure.
    static func compose(_ yaml: String, source: String) throws -> Node? {
        do { return try Yams.compose(yaml: yaml) } catch let error as YamlError {
            throw LexiconError(.syntax, source: source, line: line(of: error),
                                 reason: "not valid YAML: \(describe(error))")
        }
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }

    /// A list of strings, or a single string, from a node.
    static func strings(_ node: Node, what: String, source: String) throws -> [String] {
        if let s = node.string { return [s] }
        guard let seq = node.sequence else {
            throw LexiconError(.syntax, source: source, line: line(node), reason: "\(what) must be a list of strings")
        }
        return try seq.map { item in
            guard let s = item.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw LexiconError(.invalidEntry, source: source, line: line(item),
                                     reason: "\(what): every entry must be a non-empty string")
            }
            return s
        }
    }
}
