import Foundation

/// `datapackage.json`: the run's tables as a Frictionless Data Package
/// (tabular-data-package profile, Table Schema per resource).
extension RunSchema {
    struct DataPackage: Encodable {
        var profile = "tabular-data-package"
        var name = "wavelength-run"
        var title = "Wavelength run"
        var version: String
        var wavelength: Tool
        var resources: [Resource]

        struct Tool: Encodable {
            var version: String
            var schemaVersion: String
            var sqliteUserVersion: Int
        }
    }

    struct Resource: Encodable {
        var name: String
        var path: String
        var profile = "tabular-data-resource"
        var format = "csv"
        var mediatype = "text/csv"
        var encoding = "utf-8"
        var compression: String?
        var description: String
        var dialect = Dialect()
        var schema: Schema

        struct Dialect: Encodable {
            var delimiter = ","
            var quoteChar = "\""
            var doubleQuote = true
            var header = true
        }
    }

    struct Schema: Encodable {
        var fields: [FieldJSON]
        var primaryKey: [String]?
        var foreignKeys: [ForeignKeyJSON]?
        var missingValues = [""]
    }

    struct FieldJSON: Encodable {
        var name: String
        var type: String
        var format: String?
        var description: String
        var unit: String?
        var constraints: Constraints?

        struct Constraints: Encodable {
            var required: Bool?
            var `enum`: [String]?
        }
    }

    struct ForeignKeyJSON: Encodable {
        struct Reference: Encodable { var resource: String; var fields: [String] }
        var fields: [String]
        var reference: Reference
    }

    static func resource(_ table: TableSchema) -> Resource {
        let fields = table.fields.map { f in
            let constraints = FieldJSON.Constraints(required: f.required ? true : nil, enum: f.values)
            return FieldJSON(name: f.name, type: f.type.rawValue, format: f.type == .datetime ? nil : f.format,
                             description: f.description, unit: f.unit,
                             constraints: constraints.required == nil && constraints.enum == nil ? nil : constraints)
        }
        let foreignKeys = table.foreignKeys.map {
            ForeignKeyJSON(fields: $0.fields, reference: .init(resource: $0.table, fields: $0.referencedFields))
        }
        return Resource(name: table.name, path: table.file, compression: table.file.hasSuffix(".gz") ? "gz" : nil,
                        description: table.description,
                        schema: Schema(fields: fields, primaryKey: table.primaryKey.isEmpty ? nil : table.primaryKey,
                                       foreignKeys: foreignKeys.isEmpty ? nil : foreignKeys))
    }

    /// The text of `datapackage.json` for the tables a run wrote.
    /// - Parameters:
    ///   - tables: the schemas of the tables written, in order.
    ///   - toolVersion: the program's version. No time stamp (the run's start is in `summary.json`),
    ///     so two runs of the same corpus write the same file.
    public static func dataPackage(_ tables: [TableSchema], toolVersion: String) throws -> String {
        let package = DataPackage(version: version,
                                  wavelength: .init(version: toolVersion, schemaVersion: version, sqliteUserVersion: userVersion),
                                  resources: tables.map(resource))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(package), as: UTF8.self) + "\n"
    }
}
