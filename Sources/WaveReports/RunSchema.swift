import WaveIngest

/// The one description of every file a run writes: each table's file, columns
/// with their types, units and meaning, and its keys. The CSV headers, the SQLite
/// tables, `datapackage.json` and the README's "Outputs" section are all made
/// from it, so they cannot drift apart.
public enum RunSchema {
    /// The schema version (semantic versioning; see the README's stability contract).
    /// A minor version adds tables, columns at the end of a table, or values of an
    /// open set; anything else is a major version.
    public static let major = 1, minor = 0
    public static var version: String { "\(major).\(minor).0" }
    /// `PRAGMA user_version` of `wavelength.sqlite`: major × 1000 + minor.
    public static var userVersion: Int { major * 1000 + minor }

    /// The columns that depend on the run's configuration: one per target of the
    /// gazetteer and one per top-level theme of the dictionary.
    public struct Columns: Sendable, Hashable {
        public var targets: [String]
        public var topThemes: [String]
        public init(targets: [String], topThemes: [String]) { self.targets = targets; self.topThemes = topThemes }

        /// Placeholders (`<target>`, `<theme>`) for the README.
        public static let placeholders = Columns(targets: ["<target>"], topThemes: ["<theme>"])
    }

    static let documentKey = ForeignKey(["id"], references: "documents", ["id"])

    // MARK: Shared column descriptions

    static let id = Field("id", .string, "Document id: the path relative to the corpus, plus `#N` for the N-th item of a feed or archive.",
                          required: true)
    static let language = Field("language", .string,
                                "Language the text was analysed as: `en`, `ja`, `ko`, or `und` (unknown, not forced into English).",
                                required: true)
    static let focus = Field("focus", .string,
                             "Which targets the document is about, by salience (README: Focus and framing scope): a target's key (`japan`, `korea`), `both` (two salient targets, the second with at least a third of the top one's salience), `several` (three or more), `neither`.",
                             required: true)
    static let sentiment = Field("sentiment", .number,
                                 "Document sentiment: the raw scores of the sentences that carry any, pooled (Σ s / √n, from five sentences on the mean × 2) and squashed once, the same way in every language.",
                                 unit: "score −1 … +1", required: true)

    static func targetSentiment(_ target: String) -> Field {
        Field("sentiment_\(target)", .number,
              "Sentiment toward target `\(target)`: the mean of the scores of its mentions (each gazetteer match scored in its own sentence); empty when the target is not named. One column per target of the gazetteer.",
              unit: "score −1 … +1")
    }

    // MARK: Tables

    /// Every table of a run, in the order the run writes them (topic tables last).
    public static func tables(_ columns: Columns, topics: Bool = true) -> [TableSchema] {
        var tables = [documents(columns), terms, themes, sentiment(columns), failures, themesByGroup, termFrequencies,
                      keyness, collocations, duplicates, tokens]
        if topics { tables += [topicsTable, documentTopics, documentTopicsLong] }
        return tables
    }

    public static func documents(_ columns: Columns) -> TableSchema {
        var fields: [Field] = [
                id,
                Field("path", .string, "Source file relative to the corpus.", required: true),
                Field("item", .integer, "Item number (1-based) within a feed or archive; empty for a page."),
                Field("title", .string, "The headline, without the site name."),
                Field("date", .string,
                      "Publication date as the page gives it, normalised to ISO 8601: `2023-03-04`, or with time and, when the page gives one, its offset (`2023-03-04T09:30:00+09:00`, `…Z`). Its shape varies with the page; use `published_utc` or `published_date` for typed values."),
                Field("published_utc", .datetime,
                      "The publication instant in UTC (`2023-03-04T00:30:00Z`); empty when the page gives no time of day or no offset (the instant is unknown then).",
                      format: "%Y-%m-%dT%H:%M:%SZ"),
                Field("published_date", .date,
                      "The calendar date the outlet printed, in its own time zone (a JST page dated 2023-03-04T08:00+09:00 is 2023-03-04 here, 2023-03-03 in UTC); empty when the page gives no full date."),
                language,
                Field("site", .string, "Outlet name."),
                Field("authors", .string, "Author names separated by `; `."),
                Field("url", .string, "Canonical URL."),
                Field("format", .string, "Source format.", required: true, values: SourceFormat.allCases.map(\.rawValue)),
                Field("encoding", .string, "The charset the bytes were decoded from.", required: true),
                Field("tokens", .integer, "Word and number tokens, stopwords included (the denominator of theme rates).", unit: "tokens", required: true),
                Field("terms", .integer, "Content tokens counted as terms (stopwords removed).", unit: "tokens", required: true),
                Field("sentences", .integer, "Sentences.", unit: "sentences", required: true),
                sentiment,
            ]
        fields += columns.targets.map(targetSentiment)
        fields += [
                focus,
                Field("framing_index", .number,
                      "(forward_facing − nostalgia) / (forward_facing + nostalgia) over the hits in target scope: −1 all nostalgia, +1 all forward-facing; empty when the page names no target or has no hit of either in scope (not applicable).",
                      unit: "index −1 … +1"),
            ]
        fields += columns.topThemes.map {
                Field($0, .integer, "Hits of top-level theme `\($0)` on the whole page (a subtheme's hits count toward its parent). One column per top-level theme of the dictionary.",
                      unit: "hits", required: true)
            }
        for target in columns.targets {
            fields.append(Field("mentions_\(target)", .integer, "Mentions of target `\(target)` behind `sentiment_\(target)`; 0 when not named.",
                                unit: "mentions", required: true))
            fields.append(Field("mention_sentences_\(target)", .integer, "Distinct sentences holding those mentions; 0 when not named.",
                                unit: "sentences", required: true))
        }
        fields += [
                Field("framing_index_page", .number,
                      "The framing index over the whole page's hits (what `framing_index` meant before target scope); empty without a hit of either.",
                      unit: "index −1 … +1"),
                Field("scope_sentences", .integer, "Sentences in target scope; empty when the page names no target.", unit: "sentences"),
                Field("scope_tokens", .integer, "Word and number tokens in target scope; empty when the page names no target.", unit: "tokens"),
            ]
        fields += columns.topThemes.map {
                Field("\($0)_in_scope", .integer, "Hits of theme `\($0)` in target scope; empty when the page names no target. One column per top-level theme.",
                      unit: "hits")
            }
        fields += [
                Field("page_type", .string,
                      "The kind of page, judged by its structure (structured data, `og:type`, repeated post or card blocks, code blocks, price markup, the URL's path; never by site): article, forum, product, listing, collection, service, documentation or other. Feed items and text files are article.",
                      required: true),
                Field("extraction_confidence", .number,
                      "How sure ingest is that the text is the page's main text: about 0.9 for a marked article body, 0.7 for the best-scoring block, 0.4 for the whole body without furniture, 0.15 when only all visible text was left; lowered for thin or link-heavy text and for pages that are not articles. Filter on it and on `page_type` rather than lose pages (`--articles-only` refuses pages that are not articles).",
                      unit: "probability 0 … 1", required: true),
            ]
        return TableSchema(
            name: "documents", file: "documents.csv",
            description: "One row per document (a page, or an item of a feed or archive).",
            fields: fields, primaryKey: ["id"])
    }

    public static let terms = TableSchema(
        name: "terms", file: "terms.csv",
        description: "Corpus counts of content terms per language. Multiword dictionary and gazetteer entries (\"cool japan\") count as one term.",
        fields: [
            Field("term", .string, "The normalised term (NFKC, case-folded).", required: true),
            Field("language", .string, "Language of the documents counted.", required: true),
            Field("count", .integer, "Occurrences in the corpus.", unit: "tokens", required: true),
            Field("document_frequency", .integer, "Documents that contain the term.", unit: "documents", required: true),
            Field("rank", .integer, "Rank by count within the language (1 = most frequent).", required: true),
        ],
        primaryKey: ["language", "term"])

    public static let themes = TableSchema(
        name: "themes", file: "themes.csv",
        description: "Every document × every theme and subtheme of the dictionary.",
        fields: [
            id,
            Field("theme", .string, "Theme path (`nostalgia`, or `parent/subtheme`).", required: true),
            Field("parent", .string, "The parent theme of a subtheme; empty for a top-level theme."),
            Field("hits", .integer, "Dictionary hits in the document.", unit: "hits", required: true),
            Field("rate_per_1000", .number, "Hits per 1,000 tokens of the document.", unit: "hits per 1,000 tokens", required: true),
            Field("sentiment", .number, "Sentiment of the sentences that hold the theme's hits; empty when the theme has no hit (not applicable).",
                  unit: "score −1 … +1"),
        ],
        primaryKey: ["id", "theme"], foreignKeys: [documentKey])

    public static func sentiment(_ columns: Columns) -> TableSchema {
        TableSchema(
            name: "sentiment", file: "sentiment.csv",
            description: "Sentiment per document: overall, toward each target and within each top-level theme.",
            fields: [id, language, focus, sentiment] + columns.targets.map(targetSentiment) + columns.topThemes.map {
                Field("sentiment_\($0)", .number,
                      "Sentiment of the sentences that hold hits of theme `\($0)`; empty when the theme has no hit. One column per top-level theme.",
                      unit: "score −1 … +1")
            },
            primaryKey: ["id"], foreignKeys: [documentKey])
    }

    public static let failures = TableSchema(
        name: "failures", file: "failures.csv",
        description: "Files that could not be read, decoded or parsed (they have no row in `documents`).",
        fields: [
            Field("path", .string, "The file, relative to the corpus.", required: true),
            Field("stage", .string, "The stage that failed: `discover` (listing the corpus) or `ingest` (reading the file).", required: true),
            Field("code", .string, "A short machine-readable reason (`binary`, `no_article`, `unreadable`…).", required: true),
            Field("reason", .string, "What went wrong, for a person.", required: true),
        ])

    public static let themesByGroup = TableSchema(
        name: "themes_by_group", file: "themes_by_group.csv",
        description: "Theme rates, the framing index and sentiment per year, site, language and country focus, with seeded bootstrap 95% intervals: one row per group and measure.",
        fields: [
            Field("dimension", .string, "What the documents are grouped by.", required: true, values: ["year", "site", "language", "focus"]),
            Field("group", .string,
                  "The group's label: the site, language or focus; `undated` for the documents without a year; empty for a year (see `year`), so that the column holds text only."),
            Field("year", .integer, "The year of publication for `dimension` = `year`; empty otherwise and for `undated`."),
            Field("documents", .integer, "Documents in the group (all of them, whether or not the measure applies to them).",
                  unit: "documents", required: true),
            Field("measure", .string,
                  "What `mean` averages: `rate:<theme>` is the theme's hits per 1,000 tokens, `framing_index` the framing index, `sentiment` the document sentiment.",
                  required: true),
            Field("n", .integer,
                  "Documents the measure applies to and is averaged over (≤ `documents`: the framing index only applies to documents with a framing hit); 0 when none.",
                  unit: "documents", required: true),
            Field("mean", .number, "Mean of the measure over the `n` documents; empty when `n` is 0.", unit: "unit of the measure"),
            Field("ci_low", .number, "Lower end of the bootstrap 95% interval of the mean; empty when `n` is 0.", unit: "unit of the measure"),
            Field("ci_high", .number, "Upper end of the bootstrap 95% interval of the mean; empty when `n` is 0.", unit: "unit of the measure"),
        ])

    public static let termFrequencies = TableSchema(
        name: "term_frequencies", file: "term_frequencies.csv",
        description: "Top 50 terms and top 25 two-word phrases per language, site, year, month, week, focus and main theme, counted on the tokens as segmented; the `_dedup` columns count each cluster of syndicated copies once.",
        fields: [
            Field("variable", .string, "What the documents are grouped by.", required: true),
            Field("group", .string, "The group's label; empty for a year (see `year`), so that the column holds text only."),
            Field("year", .integer, "The year for `variable` = `year`; empty otherwise and for `undated`."),
            Field("n", .integer, "Words per term: 1 for terms, 2 for phrases.", required: true),
            Field("term", .string, "The term or phrase (words separated by a space).", required: true),
            Field("count", .integer, "Occurrences in the group.", unit: "tokens", required: true),
            Field("document_frequency", .integer, "Documents of the group that contain it.", unit: "documents", required: true),
            Field("count_dedup", .integer, "Occurrences, each near-duplicate cluster counted once.", unit: "tokens", required: true),
            Field("document_frequency_dedup", .integer, "Documents, each near-duplicate cluster counted once.", unit: "documents", required: true),
            Field("rank", .integer, "Rank by count within the group and `n` (1 = most frequent).", required: true),
        ])

    public static let keyness = TableSchema(
        name: "keyness", file: "keyness.csv",
        description: "Key terms of the documents focused on one target against another (every pair of targets, first against second), as raw counts and with each near-duplicate cluster counted once.",
        fields: [
            Field("target", .string, "The target corpus (`focus=japan`).", required: true),
            Field("reference", .string, "The reference corpus (`focus=korea`).", required: true),
            Field("counting", .string, "`raw`, or `dedup` (each near-duplicate cluster once).", required: true, values: ["raw", "dedup"]),
            Field("n", .integer, "Words per term.", required: true),
            Field("term", .string, "The term.", required: true),
            Field("target_count", .integer, "Occurrences in the target corpus.", unit: "tokens", required: true),
            Field("reference_count", .integer, "Occurrences in the reference corpus.", unit: "tokens", required: true),
            Field("target_total", .integer, "Terms in the target corpus.", unit: "tokens", required: true),
            Field("reference_total", .integer, "Terms in the reference corpus.", unit: "tokens", required: true),
            Field("g2", .number, "Signed log-likelihood G² (negative: key for the reference).", required: true),
            Field("p_g2", .number, "p-value of G² (χ², 1 degree of freedom).", required: true),
            Field("chi2", .number, "Signed Pearson χ².", required: true),
            Field("p_chi2", .number, "p-value of χ².", required: true),
            Field("log_ratio", .number, "Binary log of the ratio of relative frequencies, 0.5 floor for zero counts.", unit: "log2", required: true),
        ])

    public static let collocations = TableSchema(
        name: "collocations", file: "collocations.csv",
        description: "Word pairs (and longer n-grams) that occur together more than chance, with the 2×2 contingency table.",
        fields: [
            Field("n", .integer, "Words in the collocation.", required: true),
            Field("collocation", .string, "The words, separated by a space.", required: true),
            Field("count", .integer, "Occurrences.", unit: "tokens", required: true),
            Field("document_frequency", .integer, "Documents that contain it.", unit: "documents", required: true),
            Field("count_dedup", .integer, "Occurrences, each near-duplicate cluster once.", unit: "tokens", required: true),
            Field("document_frequency_dedup", .integer, "Documents, each near-duplicate cluster once.", unit: "documents", required: true),
            Field("g2", .number, "Log-likelihood G².", required: true),
            Field("pmi", .number, "Pointwise mutual information.", unit: "log2", required: true),
            Field("t_score", .number, "t-score.", required: true),
            Field("a", .integer, "Contingency cell: first word followed by the second.", required: true),
            Field("b", .integer, "Contingency cell: first word, another word after it.", required: true),
            Field("c", .integer, "Contingency cell: another word, then the second word.", required: true),
            Field("d", .integer, "Contingency cell: neither.", required: true),
        ])

    public static let duplicates = TableSchema(
        name: "duplicates", file: "duplicates.csv",
        description: "Near-duplicate (syndicated) documents: MinHash over 5-term shingles, then exact Jaccard ≥ 0.7; the earliest-dated copy represents its cluster.",
        fields: [
            Field("cluster", .integer, "Cluster number (1-based).", required: true),
            Field("size", .integer, "Documents in the cluster.", unit: "documents", required: true),
            Field("document_id", .string, "The member document.", required: true),
            Field("representative_id", .string, "The document that represents the cluster.", required: true),
            Field("is_representative", .boolean, "Whether this member is the representative.", required: true),
            Field("jaccard", .number, "Jaccard similarity of the member's shingles to the representative's.", required: true),
            Field("date", .string, "The member's date, as in `documents.date`."),
            Field("site", .string, "The member's outlet."),
            Field("language", .string, "The member's language.", required: true),
            Field("title", .string, "The member's title (first 200 characters)."),
        ],
        primaryKey: ["document_id"],
        foreignKeys: [ForeignKey(["document_id"], references: "documents", ["id"]),
                      ForeignKey(["representative_id"], references: "documents", ["id"])])

    public static let tokens = TableSchema(
        name: "tokens", file: "tokens.csv.gz",
        description: "Every word-like token of every sentence, in order (gzip-compressed CSV; symbols and punctuation are left out).",
        fields: [
            Field("document_id", .string, "The document.", required: true),
            Field("sentence", .integer, "Sentence index in the document (0-based, as `wavelength kwic` prints it).", required: true),
            Field("position", .integer, "Token index in the sentence (0-based).", required: true),
            Field("surface", .string, "The token as written in the text.", required: true),
            Field("term", .string, "The normalised term (NFKC, case-folded; base form for Japanese with MeCab).", required: true),
            Field("kind", .string, "What the token is.", required: true,
                  values: ["word", "number", "url", "email", "hashtag", "mention", "emoji"]),
            Field("stopword", .boolean, "Whether the term is on the language's stopword list.", required: true),
            Field("content", .boolean, "Whether the token is counted as a term (a word or hashtag that is not a stopword).", required: true),
        ],
        primaryKey: ["document_id", "sentence", "position"], foreignKeys: [ForeignKey(["document_id"], references: "documents", ["id"])])

    public static let topicsTable = TableSchema(
        name: "topics", file: "topics.csv",
        description: "One row per topic of each language's LDA model (languages with at least 20 documents).",
        fields: [
            Field("topic", .string, "Topic name: language and index (`ja-3`).", required: true),
            Field("language", .string, "The model's language.", required: true),
            Field("label", .string, "A short label from the top terms.", required: true),
            Field("top_terms", .string, "Top terms by relevance, separated by a space."),
            Field("share", .number, "Mean proportion over all documents that have a model (the shares of all topics sum to 1).",
                  unit: "proportion 0 … 1", required: true),
            Field("documents", .integer, "Documents whose main topic it is.", unit: "documents", required: true),
            Field("coherence", .number, "NPMI coherence of the 10 most probable terms.", unit: "NPMI −1 … +1"),
            Field("representative", .string, "Titles of representative documents, separated by ` | `."),
        ],
        primaryKey: ["topic"], condition: "unless the run has `--no-topics`")

    public static let documentTopics = TableSchema(
        name: "document_topics", file: "document_topics.csv",
        description: "One row per document: its main topic and the topic proportions packed in one cell (the same numbers as rows: `document_topics_long.csv`).",
        fields: [
            id,
            Field("path", .string, "Source file relative to the corpus.", required: true),
            language,
            Field("main_topic", .string, "The topic with the highest proportion; empty when the language has no model."),
            Field("main_proportion", .number, "Its proportion; empty when the language has no model.", unit: "proportion 0 … 1"),
            Field("proportions", .string, "θ of the language's topics 0 … K−1, separated by a space; empty when the language has no model."),
        ],
        primaryKey: ["id"],
        foreignKeys: [documentKey, ForeignKey(["main_topic"], references: "topics", ["topic"])],
        condition: "unless the run has `--no-topics`")

    public static let documentTopicsLong = TableSchema(
        name: "document_topics_long", file: "document_topics_long.csv",
        description: "Topic proportions as rows: one per document and topic of its language's model (documents whose language has no model have none).",
        fields: [
            id,
            Field("topic", .string, "The topic (`ja-3`).", required: true),
            Field("proportion", .number, "θ: the share of the document's tokens assigned to the topic.", unit: "proportion 0 … 1", required: true),
        ],
        primaryKey: ["id", "topic"],
        foreignKeys: [documentKey, ForeignKey(["topic"], references: "topics", ["topic"])],
        condition: "unless the run has `--no-topics`")

    // MARK: Other files

    /// The files of a run that are not tables described above.
    public static let otherFiles = [
        OutputFile("documents.jsonl",
                   "The rows of `documents` as JSON lines, keys sorted: the same keys and types (empty is `null`; a `number` is always written with a decimal point or exponent, `0.0` never `0`), except that the per-theme hit columns are replaced by three objects over every theme and subtheme, `theme_hits`, `theme_rates` (per 1,000 tokens) and `theme_sentiment` (`null` where the theme has no hit), `theme_hits_in_scope` and `theme_rates_in_scope` likewise over the hits in target scope (`null` values when the page names no target), `salience` holds each target's salience score (`null` where not named), `authors` is an array of names, and `warnings` lists what ingest noticed (bytes replaced while decoding…). polars infers JSON types from the first 100 lines: `pl.read_ndjson(path, infer_schema_length=None)` when an optional key may be `null` in all of them."),
        OutputFile("wavelength.sqlite",
                   "Every table above in one SQLite database, with declared column types (`DATE`, `TIMESTAMP` as `YYYY-MM-DD HH:MM:SS` UTC, `BOOLEAN` as 0/1), primary keys, foreign keys, indexes on the join keys, and the schema version in `PRAGMA user_version` (major × 1000 + minor)."),
        OutputFile("datapackage.json",
                   "A Frictionless Data Package describing every table of the run: file, each column's type, format, unit and description, primary and foreign keys (`frictionless validate Output/datapackage.json`)."),
        OutputFile("tokens.wlt",
                   "The run's sentences and token spans in a compact private binary format (each document's segment compressed with zlib on its own, versioned; described in `Sources/WaveTerms/TokenStore.swift`) that `wavelength kwic`, `terms`, `keyness` and `collocations` read without re-parsing the corpus; notebooks read `tokens.csv.gz`. It replaces the `tokens.tsv` of earlier versions, which the statistics commands no longer read: run the corpus again."),
        OutputFile("summary.json",
                   "Counts per language, format and focus; theme totals; mean sentiment per focus; failures, skipped files and warnings; the Japanese segmenter used; the list of outputs. `seconds` is the run's wall time; `stage_seconds` sums each stage's time over the worker threads for `ingest` and `analyze` (so they can add up to more than `seconds` on several cores) and is wall time for the others (`state_check` and `state_load`: an incremental run checking the files against its state and loading the stored analyses)."),
        OutputFile("run.log", "The lines the run printed on stderr (per-file errors and warnings, the final tally)."),
        OutputFile("report.html",
                   "The report for a browser: self-contained (inline CSS and SVG, no scripts), opens offline."),
        OutputFile("report.md", "The same report for a text editor."),
        OutputFile("report-model.json",
                   "The report as data (sections, tables, charts, findings), from which `wavelength report OUTPUT_DIR` renders `report.html` and `report.md` again without the corpus. Its `version` is the shape of this private format; another program version may refuse it (run the corpus again)."),
    ]
}
