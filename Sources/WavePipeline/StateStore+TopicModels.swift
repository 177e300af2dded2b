import Foundation
import GRDB
import WaveCorpus

extension StateStore {
    /// The topic model kept for `language`, encoded, when it was kept under `key`.
    func topicModel(language: String, key: String) throws -> [UInt8]? {
        try database().read { db in
            guard let row = try GRDB.Row.fetchOne(db, sql: "SELECT model FROM topic_models WHERE language = ? AND key = ?",
                                                  arguments: [language, key]) else { return nil }
            return try row.withUnsafeData(atIndex: 0) { $0.map { [UInt8]($0) } }
        }
    }

    /// Keeps `model` (encoded) as `language`'s model under `key`, in place of the one kept before.
    func keepTopicModel(_ model: [UInt8], language: String, key: String) throws {
        try database().write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO topic_models VALUES (?, ?, ?)", arguments: [language, key, Data(model)])
        }
    }
}

/// The run state as the store of a run's topic models (``TopicModelStore``): one model per
/// language, under the key of its training and the per-document fingerprint (the program and
/// its settings), so a rebuilt program trains again. A model that cannot be read or written is
/// trained again, or not kept (told to `log`).
struct StateTopicModels: TopicModelStore {
    let store: StateStore
    /// ``Pipeline/fingerprint(of:segmenter:)``.
    let fingerprint: String
    let log: (String) -> Void

    private func storedKey(_ key: String) -> String { ContentHash.of(Array("\(fingerprint)\n\(key)".utf8)) }

    func trainedModel(language: String, key: String) -> TrainedTopicModel? {
        guard let bytes = try? store.topicModel(language: language, key: storedKey(key)) else { return nil }
        return try? StateCoding.decode(TrainedTopicModel.self, from: bytes)
    }

    func keep(_ model: TrainedTopicModel, key: String) {
        do {
            try store.keepTopicModel(StateCoding.encode(model), language: model.language, key: storedKey(key))
        } catch {
            log("cannot keep the \(model.language) topic model in \(store.path) (the next run trains it again): \(error)")
        }
    }
}
