/// Compound nouns for topic models of Japanese text.
///
/// MeCab cuts compounds into their parts (情報 | 通信 | 機器, 友人 | 代表), so a
/// topic model sees 情報 and 機器 on their own, words that belong to many
/// subjects. Joining the nouns that touch in the text restores the compound
/// (情報通信機器), and keeping nouns only leaves out the verbs, adjectives and
/// auxiliaries that carry a writer's style rather than the subject: the terms
/// topic models of Japanese are commonly trained on.
///
/// ```swift
/// let doc = Tokenizer().tokenize("友人代表のスピーチを頼まれた", language: .japanese)
/// NounCompounds.topicTerms(doc.contentTokens)   // ["友人代表", "スピーチ"] with MeCab
/// ```
public enum NounCompounds {
    /// Runs of nouns (MeCab `名詞`, not stopwords, no digits) whose byte ranges
    /// touch, each joined into one token spanning the run; other tokens unchanged.
    public static func joined(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            var token = tokens[i]
            var j = i + 1
            if isJoinable(token) {
                while j < tokens.count && isJoinable(tokens[j]) && tokens[j].range.lowerBound == tokens[j - 1].range.upperBound {
                    token.term += tokens[j].term
                    token.surface += tokens[j].surface
                    token.range = token.range.lowerBound..<tokens[j].range.upperBound
                    j += 1
                }
            }
            out.append(token)
            i = j
        }
        return out
    }

    /// The terms a topic model sees for `tokens` (content tokens of one
    /// document): compound nouns joined, then nouns only. Tokens without a part
    /// of speech (merged dictionary phrases, text segmented without MeCab) are kept.
    public static func topicTerms(_ tokens: [Token]) -> [String] {
        joined(tokens).compactMap { token in
            guard let pos = token.partOfSpeech else { return token.term }
            return pos == "名詞" ? token.term : nil
        }
    }

    /// Whether `tokens` carry MeCab parts of speech (then ``topicTerms(_:)`` applies).
    public static func isTagged(_ tokens: [Token]) -> Bool {
        tokens.contains { $0.partOfSpeech != nil }
    }

    static func isJoinable(_ token: Token) -> Bool {
        token.kind == .word && token.partOfSpeech == "名詞" && !token.isStopword && !token.term.contains(where: \.isNumber)
    }
}
