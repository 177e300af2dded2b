import Foundation

/// One setting of `wavelength run`, as the configuration file (`key`), the environment
/// (`WAVELENGTH_KEY`) and the command line (`--key-with-dashes`) name it. ``all`` is the one
/// list: ``RunSettings`` reads it, `wavelength init` writes it, the docs are checked against it.
public struct RunOption: Sendable {
    public enum Kind: Sendable {
        case path, string, int, bool, list, day

        var expected: String {
            switch self {
            case .path: "a path"
            case .string: "a string"
            case .int: "a whole number"
            case .bool: "true or false"
            case .list: "a list of strings (YAML: [a, b]; environment: a,b)"
            case .day: "a day (YYYY-MM-DD or Nd)"
            }
        }
    }

    public var key: String
    public var kind: Kind
    public var summary: String
    /// The default as YAML (nil when there is none: the line is written commented out).
    public var defaultValue: String?
    /// An example value for a setting without a default.
    public var example: String

    public var environmentName: String { "WAVELENGTH_" + key.uppercased() }
    public var optionName: String { key == "corpus" ? "the CORPUS argument" : "--" + key.replacingOccurrences(of: "_", with: "-") }

    public static func named(_ key: String) -> RunOption? { all.first { $0.key == key } }

    /// The known key nearest to a misspelt one (edit distance at most 2).
    static func closest(to key: String) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var previous = row[0]
                row[0] = i
                for j in 1...max(b.count, 1) where !b.isEmpty {
                    let current = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                    previous = current
                }
            }
            return row[b.count]
        }
        let normalized = Array(key.lowercased().replacingOccurrences(of: "-", with: "_"))
        let best = all.map { ($0.key, distance(normalized, Array($0.key))) }.min { $0.1 < $1.1 }
        return best.flatMap { $0.1 <= 2 ? $0.0 : nil }
    }

    public static let all: [RunOption] = [
        RunOption(key: "corpus", kind: .path, summary: "Corpus folder, read recursively.",
                  defaultValue: "Corpus", example: "/srv/articles"),
        RunOption(key: "output", kind: .path, summary: "Output folder (created if missing).",
                  defaultValue: "Output", example: "/srv/wavelength/out"),
        RunOption(key: "stopwords", kind: .path,
                  summary: "Folder of <lang>.txt stopword lists (default: the shipped lists, embedded in the program).",
                  defaultValue: nil, example: "/etc/wavelength/stopwords"),
        RunOption(key: "dictionary", kind: .path,
                  summary: "Theme dictionary: Wavelength YAML, quanteda-style YAML, or LIWC .dic (default: the shipped one).",
                  defaultValue: nil, example: "/etc/wavelength/themes.yaml"),
        RunOption(key: "lexicon", kind: .list,
                  summary: "Extra sentiment lexicons as LANG:FILE (TSV: entry<TAB>valence; VADER files load as is).",
                  defaultValue: nil, example: "[\"en:/etc/wavelength/en-lexicon.tsv\"]"),
        RunOption(key: "replace_lexicon", kind: .bool,
                  summary: "Use only the lexicon files, not the shipped lexicons (the shipped rules stay).",
                  defaultValue: "false", example: "true"),
        RunOption(key: "gazetteer", kind: .path, summary: "Gazetteer YAML of target names (default: the shipped Japan/Korea one).",
                  defaultValue: nil, example: "/etc/wavelength/gazetteer.yaml"),
        RunOption(key: "max_file_mb", kind: .int, summary: "Largest file read, in MiB (after decompression).",
                  defaultValue: "64", example: "64"),
        RunOption(key: "threads", kind: .int, summary: "Worker threads (default: all cores).",
                  defaultValue: nil, example: "2"),
        RunOption(key: "topics", kind: .int,
                  summary: "Topics per language model (topics.csv, document_topics.csv, report section); 0 for none. Default: K from each language's document count, √(documents / 5) kept between 3 and 20.",
                  defaultValue: nil, example: "8"),
        RunOption(key: "topic_iterations", kind: .int, summary: "Gibbs sweeps for topics.", defaultValue: "300", example: "300"),
        RunOption(key: "topic_seed", kind: .int,
                  summary: "Random seed for topics (the same seed gives the same topics whatever threads is).",
                  defaultValue: "42", example: "42"),
        RunOption(key: "topic_term_weight", kind: .string, summary: "Term weighting for topics: one (standard LDA), idf or pmi.",
                  defaultValue: "one", example: "idf"),
        RunOption(key: "topic_document_weight", kind: .string,
                  summary: "Document weighting for topics: equal (every document weighs the same) or tokens (standard LDA).",
                  defaultValue: "equal", example: "tokens"),
        RunOption(key: "since", kind: .day,
                  summary: "Keep documents published on or after this day: YYYY-MM-DD, or Nd for N days ago (UTC). Undated documents are left out when since or until is set.",
                  defaultValue: nil, example: "30d"),
        RunOption(key: "until", kind: .day, summary: "Keep documents published on or before this day: YYYY-MM-DD or Nd.",
                  defaultValue: nil, example: "2025-12-31"),
        RunOption(key: "lang", kind: .list, summary: "Keep documents in these languages (en, ja, ko; und for undetected).",
                  defaultValue: nil, example: "[en, ja]"),
        RunOption(key: "articles_only", kind: .bool,
                  summary: "Keep only article pages: forum threads, product, listing, service and documentation pages, and pages without a main text, fail with the reason.",
                  defaultValue: "false", example: "true"),
        RunOption(key: "raw_csv", kind: .bool,
                  summary: "Write CSV cells exactly as they are, without the spreadsheet guard against formula injection (for notebook-only use).",
                  defaultValue: "false", example: "true"),
        RunOption(key: "full", kind: .bool,
                  summary: "Analyse every file again instead of only new and changed ones (the run state beside the output folder is written anew).",
                  defaultValue: "false", example: "true"),
        RunOption(key: "incremental", kind: .bool,
                  summary: "Keep per-file results in .<output>.state.sqlite beside the output folder, so a rerun analyses only new and changed files.",
                  defaultValue: "true", example: "false"),
        RunOption(key: "files_from", kind: .path,
                  summary: "Read the files this manifest names (one path a line, relative to the corpus folder; # comments) instead of every file under the corpus.",
                  defaultValue: nil, example: "/srv/jobs/cc-news-2026-11.txt"),
        RunOption(key: "shard", kind: .string,
                  summary: "Analyse only part I of N of the input files (I/N, I from 0) and write a shard folder for wavelength merge; auto takes it from a Slurm job array or a Kubernetes Indexed Job.",
                  defaultValue: nil, example: "auto"),
        RunOption(key: "shard_count", kind: .int,
                  summary: "Number of shards, with shard auto under a Kubernetes Indexed Job (its completions: JOB_COMPLETION_INDEX gives the shard).",
                  defaultValue: nil, example: "8"),
        RunOption(key: "store", kind: .string,
                  summary: "Keep the shards' analyses in this PostgreSQL database (postgres://USER@HOST:PORT/DATABASE?sslmode=…; the password from PGPASSWORD or the URL) instead of each shard folder's SQLite file; wavelength merge then reads them from there.",
                  defaultValue: nil, example: "postgres://wavelength@db.example.org/wavelength"),
        RunOption(key: "job", kind: .string,
                  summary: "The job name the shards are filed under in the store (letters, digits, . _ -); the shard tasks and the merge give the same.",
                  defaultValue: nil, example: "cc-news-2026-11"),
        RunOption(key: "require_target", kind: .bool,
                  summary: "Skip documents that name no gazetteer target before tokenizing them (counted in the summary as no_target).",
                  defaultValue: "false", example: "true"),
        RunOption(key: "quiet", kind: .bool, summary: "Print only errors on stderr (every event still goes to run.log).",
                  defaultValue: "false", example: "true"),
        RunOption(key: "verbose", kind: .bool,
                  summary: "Print every per-file event (not grouped) and the time of each stage.",
                  defaultValue: "false", example: "true"),
        RunOption(key: "log_format", kind: .string,
                  summary: "text (lines for people) or json (one JSON object per line, for journald and log shippers).",
                  defaultValue: "text", example: "json"),
    ]

    /// A `wavelength.yaml` with every setting, each with its help and its default
    /// (settings without a default commented out).
    public static func configurationFileTemplate() -> String {
        var text = """
        # wavelength.yaml: settings of `wavelength run` (written by `wavelength init`).
        #
        # Precedence: command line > environment (WAVELENGTH_<KEY>, e.g. WAVELENGTH_THREADS=2)
        # > this file > the defaults. `wavelength run` reads ./wavelength.yaml, or the file
        # named by --config FILE or WAVELENGTH_CONFIG. Relative paths are taken from the folder
        # of this file. Lines starting with # are comments; uncomment a setting to use it.

        """
        for option in all {
            text += "\n# \(option.summary)\n"
            text += "#   command line: \(option.optionName)   environment: \(option.environmentName)\n"
            if let value = option.defaultValue {
                text += "\(option.key): \(value)\n"
            } else {
                text += "# \(option.key): \(option.example)\n"
            }
        }
        return text
    }
}
