import Foundation
import WaveText
import WaveLexicon
import WaveCorpus

extension Analyzer {
    /// Loads the stopwords, dictionary, lexicons and gazetteer a configuration names.
    /// - Throws: ``RunError`` naming the file (and line) that is wrong.
    public init(configuration config: RunConfiguration, log: (String) -> Void = { _ in }) throws {
        var stopwords = Stopwords()
        if let folder = config.stopwords {
            if FileManager.default.fileExists(atPath: folder.path) {
                do { stopwords = try Stopwords(directory: folder) } catch {
                    throw RunError("cannot read the stopword lists in \(folder.path): \(error.localizedDescription)")
                }
            } else {
                log("warning: no stopword folder at \(folder.path); counting every word")
            }
        }
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
}
