/// The declared type of a column, as Frictionless Table Schema names it; SQLite
/// and the README use the same declaration.
public enum FieldType: String, Sendable, Hashable, CaseIterable {
    case string, integer, number, boolean, date, datetime, array, object

    /// The column type declared in SQLite (JSON text for arrays and objects).
    public var sqliteType: String {
        switch self {
        case .string, .array, .object: "TEXT"
        case .integer: "INTEGER"
        case .number: "REAL"
        case .boolean: "BOOLEAN"
        case .date: "DATE"
        case .datetime: "TIMESTAMP"
        }
    }
}

/// One column of a table: its name, type and meaning.
public struct Field: Sendable, Hashable {
    public var name: String
    public var type: FieldType
    /// Frictionless format (`default`, or a pattern for dates); nil for the default.
    public var format: String?
    /// The unit of a measurement ("hits per 1,000 tokens"), when it has one.
    public var unit: String?
    public var description: String
    /// Whether every row has a value (an empty cell never occurs).
    public var required: Bool
    /// The values a column may take, when it is a closed set.
    public var values: [String]?

    public init(_ name: String, _ type: FieldType, _ description: String, unit: String? = nil, format: String? = nil,
                required: Bool = false, values: [String]? = nil) {
        self.name = name; self.type = type; self.description = description; self.unit = unit
        self.format = format; self.required = required; self.values = values
    }
}

/// A reference from columns of one table to the key of another.
public struct ForeignKey: Sendable, Hashable {
    public var fields: [String]
    /// The resource (table) referred to.
    public var table: String
    public var referencedFields: [String]

    public init(_ fields: [String], references table: String, _ referencedFields: [String]) {
        self.fields = fields; self.table = table; self.referencedFields = referencedFields
    }
}

/// One table a run writes: file, columns, keys and meaning. The CSV header, the
/// SQLite table, `datapackage.json` and the README are all made from it.
public struct TableSchema: Sendable, Hashable {
    /// Resource and SQLite table name (`documents`).
    public var name: String
    /// File name in the output folder (`documents.csv`).
    public var file: String
    /// One paragraph for the README and `datapackage.json`.
    public var description: String
    public var fields: [Field]
    public var primaryKey: [String]
    public var foreignKeys: [ForeignKey]
    /// When the table is written at all ("with `--topics K`"); nil: every run.
    public var condition: String?

    public init(name: String, file: String, description: String, fields: [Field], primaryKey: [String] = [],
                foreignKeys: [ForeignKey] = [], condition: String? = nil) {
        self.name = name; self.file = file; self.description = description; self.fields = fields
        self.primaryKey = primaryKey; self.foreignKeys = foreignKeys; self.condition = condition
    }

    public var header: [String] { fields.map(\.name) }

    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    /// Columns other tables join on (the primary key, the foreign keys), indexed in SQLite.
    public var joinKeys: [[String]] {
        var keys: [[String]] = []
        for key in foreignKeys.map(\.fields) where !keys.contains(key) && key != primaryKey { keys.append(key) }
        return keys
    }

    /// An empty CSV table with this schema's header.
    public var csv: CSVTable { CSVTable(header: header) }
}

/// A file of the run that is not a table (reports, logs, the database).
public struct OutputFile: Sendable, Hashable {
    public var file: String
    public var description: String
    public init(_ file: String, _ description: String) { self.file = file; self.description = description }
}
