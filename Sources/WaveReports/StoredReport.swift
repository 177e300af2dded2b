import Foundation

/// The report model a run keeps in its output folder (`report-model.json`), so that
/// `wavelength report` renders `report.html` and `report.md` again without
/// analysing the corpus: the same model through the same renderers gives the
/// same bytes.
///
/// The file is an envelope: `format` (always ``format``), `version` (the shape of
/// the model's JSON, ``version``), `program` (the version of the program that
/// wrote it) and `model`. A file of another format or version is refused with an
/// error that says which.
public enum StoredReport {
    public static let fileName = "report-model.json"
    public static let format = "wavelength-report-model"
    /// The shape of the stored model. Raised whenever ``ReportModel``'s JSON changes
    /// (a block, a chart or a field added, renamed or removed).
    public static let version = 1

    /// Why a stored model cannot be read.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// Not a stored report model (another JSON file, or not JSON).
        case notAModel(String)
        /// A stored report model of another version.
        case version(found: Int, program: String?)

        public var description: String {
            switch self {
            case .notAModel(let why): return "not a wavelength report model: \(why)"
            case .version(let found, let program):
                return "the report model is version \(found)" + (program.map { " (written by wavelength \($0))" } ?? "")
                    + "; this program reads version \(StoredReport.version) only: run the corpus again"
            }
        }
    }

    /// The file's bytes for `model`, written by program version `program`.
    public static func encode(_ model: ReportModel, program: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(Envelope(program: program, model: model)) + Data("\n".utf8)
    }

    /// The model stored in `data`.
    /// - Throws: ``Failure``.
    public static func decode(_ data: Data) throws(Failure) -> ReportModel {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(Envelope.self, from: data).model
        } catch let failure as Failure {
            throw failure
        } catch let DecodingError.dataCorrupted(context) {
            throw .notAModel(context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .notAModel("no \(path(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .notAModel("unexpected value at \(path(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .notAModel("missing value at \(path(context.codingPath))")
        } catch {
            throw .notAModel("\(error)")
        }
    }

    /// Both reports of `model`: (`report.html`, `report.md`).
    public static func render(_ model: ReportModel) -> (html: String, markdown: String) {
        (HTMLRenderer(model: model).render(), MarkdownRenderer(model: model).render())
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    /// The file: format and version first, checked before the model is read.
    struct Envelope: Codable {
        var format = StoredReport.format
        var version = StoredReport.version
        var program: String
        var model: ReportModel

        init(program: String, model: ReportModel) { self.program = program; self.model = model }

        enum CodingKeys: String, CodingKey { case format, version, program, model }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            guard (try? c.decode(String.self, forKey: .format)) == StoredReport.format else {
                throw Failure.notAModel("its format is not \"\(StoredReport.format)\"")
            }
            let found = try c.decode(Int.self, forKey: .version)
            program = try c.decode(String.self, forKey: .program)
            guard found == StoredReport.version else { throw Failure.version(found: found, program: program) }
            model = try c.decode(ReportModel.self, forKey: .model)
        }
    }
}
