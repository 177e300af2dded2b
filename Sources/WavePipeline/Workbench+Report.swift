import Foundation
import WaveReports

extension Workbench {
    /// What `report` did.
    public struct RenderedReports: Sendable {
        /// The files written again (`report.html`, `report.md`).
        public var files: [String]
    }

    /// `report`: renders `report.html` and `report.md` of the run whose outputs are in
    /// `folder` again from the report model the run stored there (``StoredReport``),
    /// without reading the corpus. Holds the folder's ``OutputLock`` and swaps the
    /// new set in as a run does (``OutputStaging``): a reader sees the old set or the
    /// new one, never a mix. The other files stay as the run wrote them.
    ///
    /// - Throws: ``RunError`` when the folder is not a run's output, holds no stored
    ///   model or one of another version, another run holds the lock (``RunOutcome/busy``),
    ///   or the folder cannot be written.
    @discardableResult
    public func renderReports(folder: URL, log: (String) -> Void = { _ in }) throws -> RenderedReports {
        let output = folder.standardizedFileURL
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: output.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RunError("\(output.path) is not a folder: name the output folder of a run")
        }
        guard fm.fileExists(atPath: output.appendingPathComponent("summary.json").path) else {
            throw RunError("\(output.path) is not a wavelength output folder (no summary.json; a run writes it last, "
                           + "so the run may not have finished)")
        }
        let lock = try OutputLock(output: output)
        defer { lock.release() }
        let stored = output.appendingPathComponent(StoredReport.fileName)
        guard fm.fileExists(atPath: stored.path) else {
            throw RunError("\(output.path) holds no \(StoredReport.fileName) (the run was written by an older wavelength): "
                           + "run the corpus again to render its reports")
        }
        let model: ReportModel
        let data: Data
        do { data = try Data(contentsOf: stored) } catch {
            throw RunError("cannot read \(stored.path): \(error.localizedDescription)")
        }
        do { model = try StoredReport.decode(data) } catch {
            throw RunError("cannot render the reports of \(output.path): \(stored.path): \(error)")
        }
        let reports = StoredReport.render(model)
        // The folder as the run left it, or not: only then does the run state go on vouching for it.
        let before = StateStore.outputStatuses(of: output)

        // The set is rebuilt beside the folder: the run's files linked (not copied), the two reports new.
        let staging = try OutputStaging(output: output, runID: OutputStaging.newRunID(), log: log)
        var committed = false
        defer { if !committed { staging.abandon() } }
        let written = ["report.html", "report.md"]
        do {
            for name in try fm.contentsOfDirectory(atPath: output.path).sorted() where !written.contains(name) {
                let from = output.appendingPathComponent(name), to = staging.folder.appendingPathComponent(name)
                if link(from.path, to.path) != 0 { try fm.copyItem(at: from, to: to) }
            }
            let writer = ReportWriter(folder: staging.folder)
            try writer.put("report.html", reports.html)
            try writer.put("report.md", reports.markdown)
        } catch {
            throw RunError("cannot write the reports to \(output.path): \(error.localizedDescription)")
        }
        try staging.commit(log: log)
        committed = true
        carryRunState(of: output, before: before, log: log)
        return RenderedReports(files: written)
    }

    /// After the reports of `output` were rendered again (the same bytes the run wrote, from the
    /// same model): the run state's record of the output folder is brought up to date, so that
    /// the next run with nothing changed keeps the outputs instead of computing them again. A
    /// folder without a state, or one that had changed since the run, is left as it is.
    private func carryRunState(of output: URL, before: [String: StateStore.FileStatus]?, log: (String) -> Void) {
        let path = StateStore.path(for: output)
        guard let before, FileManager.default.fileExists(atPath: path), let after = StateStore.outputStatuses(of: output) else { return }
        do {
            let store = try StateStore(path: path)
            defer { store.close() }
            try store.carryLastRun(from: before, to: after)
        } catch {
            log("warning: cannot update the run state \(path) (the next run computes the outputs again): \(error)")
        }
    }
}
