import Foundation
import WaveText
import WaveLexicon
import WaveCorpus

extension Analyzer {
    /// Loads the stopwords, dictionary, lexicons and gazetteer a configuration names.
    /// - Throws: ``RunError`` naming the file (and line) that is wrong.
    public init(configuration config: RunConfiguration, log: (String) -> Void = { _ in }) throws {
        let stopwords = try Self.stopwords(for: config)
        do {
            let dictionary = try config.dictionary.map { try ThemeDictionary(contentsOf: $0) } ?? ThemeDictionary.shipped()
            var lexicon = config.replaceLexicon ? SentimentLexicon(rules: try SentimentLexicon.shipped().rules)
                                                : try SentimentLexicon.shipped()
            for (language, url) in config.lexicons {
                try lexicon.load(contentsOf: url, language: Language(language))
            }
            let gazetteer = try config.gazetteer.map { try Gazetteer(contentsOf: $0) } ?? Gazetteer.shipped()
            self.init(stopwords: stopwords, dictionary: dictionary, lexicon: lexicon, gazetteer: gazetteer)
        } catch let error as LexiconError {
            throw RunError("invalid configuration file: \(error)")
        }
    }

    /// The stopword lists a configuration names: its folder, or the shipped lists when it names none.
    /// - Throws: ``RunError`` when the folder is missing or unreadable (never a silent "no stopwords").
    public static func stopwords(for config: RunConfiguration) throws -> Stopwords {
        guard let folder = config.stopwords else {
            do { return try Stopwords.shipped() } catch {
                throw RunError("cannot read the shipped stopword lists: \(error)")
            }
        }
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw RunError("no stopword folder at \(folder.path) (leave out --stopwords to use the shipped lists)")
        }
        do { return try Stopwords(directory: folder) } catch {
            throw RunError("cannot read the stopword lists in \(folder.path): \(error.localizedDescription)")
        }
    }
}
