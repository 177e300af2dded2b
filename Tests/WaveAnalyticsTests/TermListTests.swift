import Testing
import WaveText
@testable import WaveAnalytics

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
}
