import Testing
import WaveText
@testable import WaveLexicon

@Suite struct TermListTests {
    let tokenizer = Tokenizer()

    func list(_ entries: [(String, Language, String)]) -> TermList<String> {
        TermList(entries: entries.map { .init(text: $0.0, language: $0.1, payload: $0.2) }, tokenizer: tokenizer)
    }

    @Test func phrasesMatchWhateverTheCaseAndWidth() {
        let terms = list([("soft power", .english, "sp"), ("squid game", .english, "sg"), ("power", .english, "p")])
        let doc = tokenizer.tokenize("Korea's SOFT POWER grew; Ｓｑｕｉｄ Ｇａｍｅ helped. Power matters.", language: .english)
        let found = terms.matches(in: doc).map(\.payload)
        #expect(found == ["sp", "sg", "p"])   // the longest match wins at "soft power"
    }

    @Test func globsMatchPrefixes() {
        let terms = list([("nostalg*", .english, "n"), ("export*", .english, "e")])
        let doc = tokenizer.tokenize("Nostalgic exporters feel nostalgia; exports rise.", language: .english)
        #expect(terms.matches(in: doc).map(\.payload) == ["n", "e", "n", "e"])
    }

    @Test func phrasesMayEndInAGlob() {
        let terms = list([("waste of tim*", .english, "w")])
        let doc = tokenizer.tokenize("A waste of time, a waste of timing, a waste of money.", language: .english)
        #expect(terms.matches(in: doc).count == 2)
    }

    @Test func entriesAreSegmentedLikeTheText() {
        // ICU splits ソフトパワー into ソフト|パワー; the entry is split the same way, so it matches.
        let terms = list([("ソフトパワー", .japanese, "sp")])
        let doc = tokenizer.tokenize("日本のソフトパワーは強い。", language: .japanese)
        let matches = terms.matches(in: doc)
        #expect(matches.count == 1)
        #expect(matches.first?.entry == "ソフトパワー")
    }

    @Test func japaneseEntriesMatchHoweverTheContextSplitsThem() {
        // The entry is one word alone but may be split in context, and vice versa.
        let terms = list([("クールジャパン", .japanese, "cj"), ("日本政府", .japanese, "gov"), ("韓流", .japanese, "hr")])
        let doc = tokenizer.tokenize("日本政府はクールジャパン政策を進め、韓流ブームに対抗した。", language: .japanese)
        #expect(terms.matches(in: doc).map(\.payload) == ["gov", "cj", "hr"])
        // No match inside a longer token run that only starts like an entry.
        let other = tokenizer.tokenize("日本の政府", language: .japanese)
        #expect(terms.matches(in: other).isEmpty)
    }

    @Test func entriesOnlyMatchTheirLanguage() {
        let terms = list([("retro", .english, "r")])
        let doc = tokenizer.tokenize("retro retro", language: .korean)
        #expect(terms.matches(in: doc).isEmpty)
    }

    @Test func oneEntryInTwoThemesCountsForBoth() {
        let terms = list([("webtoon", .english, "a"), ("webtoon", .english, "b")])
        let doc = tokenizer.tokenize("A webtoon.", language: .english)
        #expect(Set(terms.matches(in: doc).map(\.payload)) == ["a", "b"])
    }

    @Test func entriesTheTokenizerCannotKeepAreRejectedNotMangled() {
        // "a+" would otherwise become the entry "a" and match every article.
        let terms = list([("a+", .english, "grade"), ("good", .english, "g")])
        #expect(terms.rejected == 1)
        let doc = tokenizer.tokenize("a good year", language: .english)
        #expect(terms.matches(in: doc).map(\.payload) == ["g"])
    }

    @Test func batchAndSingleCompilationAgree() {
        let entries: [(String, Language, String)] = [("soft power", .english, "a"), ("k-pop", .english, "b"),
                                                     ("ソフトパワー", .japanese, "c"), ("한류", .korean, "d"), ("nostalg*", .english, "e")]
        let batch = list(entries)
        var single = TermList<String>()
        for e in entries { single.add(.init(text: e.0, language: e.1, payload: e.2), tokenizer: tokenizer) }
        #expect(batch.count == single.count)
        for (text, language) in [("Soft power and K-pop, nostalgia.", Language.english), ("日本のソフトパワー", .japanese), ("한류 열풍", .korean)] {
            let doc = tokenizer.tokenize(text, language: language)
            #expect(batch.matches(in: doc).map(\.payload) == single.matches(in: doc).map(\.payload))
        }
    }

    @Test func emptyAndHostileInput() {
        let terms = list([("", .english, "x"), ("   ", .english, "y"), ("*", .english, "z")])
        #expect(terms.count == 0)
        #expect(terms.rejected == 3)
        let doc = tokenizer.tokenize("\u{0}\u{FFFD}\u{0}", language: .english)
        #expect(terms.matches(in: doc).isEmpty)
    }

    @Test func theByteTrieFindsWhatTheTermListFinds() throws {
        let entries: [TermList<Double>.Entry] = [
            .init(text: "good", language: .english, payload: 1), .init(text: "not good", language: .english, payload: -1),
            .init(text: "disappoint*", language: .english, payload: -2), .init(text: "dis*", language: .english, payload: -0.5),
            .init(text: "waste of time", language: .english, payload: -3), .init(text: "좋*", language: .korean, payload: 2),
            .init(text: "돈 아깝*", language: .korean, payload: -3), .init(text: "café", language: .english, payload: 0.5),
        ]
        let list = TermList(entries: entries, tokenizer: tokenizer)
        for (text, language) in [("Not good, a waste of time and disappointing; good café, disliked", Language.english),
                                 ("좋아요 돈 아깝다 좋", .korean)] {
            let document = tokenizer.tokenize(text, language: language)
            let trie = TermTrie(list, language: language)
            let expected = list.matches(in: document).map { "\($0.tokens)\($0.entry)" }
            let found = trie.matches(in: document.tokens).map { "\($0.tokens)\($0.entry)" }
            #expect(found == expected, "\(text)")
            #expect(!found.isEmpty)
        }
    }
}
