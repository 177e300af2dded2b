import Foundation
import Testing
@testable import WavePipeline
import WaveReports

/// `wavelength report`: both reports rendered again from the model the run stored,
/// byte for byte, under the lock and by swapping the folder as a run does.
@Suite struct ReportRenderingTests {
    static func run() throws -> URL {
        let output = try CrashConsistentOutputTests.place().appendingPathComponent("Output")
        _ = try Pipeline(configuration: CrashConsistentOutputTests.config(output: output)).run()
        return output
    }

    static func bytes(_ folder: URL, _ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    @Test func renderedReportsEqualTheRunsOwnByteForByte() throws {
        let output = try Self.run()
        let html = try Self.bytes(output, "report.html"), markdown = try Self.bytes(output, "report.md")
        let others = try CrashConsistentOutputTests.names(output).filter { !$0.hasPrefix("report.") }
            .map { ($0, try Self.bytes(output, $0)) }
        // The reports go away; `report` writes them again from report-model.json alone.
        try FileManager.default.removeItem(at: output.appendingPathComponent("report.html"))
        try Data("stale".utf8).write(to: output.appendingPathComponent("report.md"))
        let rendered = try Workbench().renderReports(folder: output)
        #expect(rendered.files == ["report.html", "report.md"])
        #expect(try Self.bytes(output, "report.html") == html)
        #expect(try Self.bytes(output, "report.md") == markdown)
        for (name, data) in others { #expect(try Self.bytes(output, name) == data, "\(name)") }
        // The same set of files, and nothing left beside the folder but its lock and run state.
        #expect(try CrashConsistentOutputTests.names(output)
                == (try Self.json(output, "manifest.json")["files"] as? [String]))
        let beside = try CrashConsistentOutputTests.names(output.deletingLastPathComponent()).filter { !$0.hasPrefix(".Output.state.sqlite") }
        #expect(beside == [".Output.lock", "Output"])
    }

    static func json(_ folder: URL, _ name: String) throws -> [String: Any] {
        try CrashConsistentOutputTests.json(folder.appendingPathComponent(name))
    }

    @Test func refusesWhatIsNotARunsOutputOrAModelOfAnotherVersion() throws {
        let place = try CrashConsistentOutputTests.place()
        func reason(_ folder: URL) -> String? {
            do { try Workbench().renderReports(folder: folder); return nil } catch let error as RunError { return error.reason } catch {
                return "\(error)"
            }
        }
        #expect(reason(place.appendingPathComponent("missing"))?.contains("is not a folder") == true)
        #expect(reason(place)?.contains("is not a wavelength output folder") == true)

        let output = try Self.run()
        let model = output.appendingPathComponent(StoredReport.fileName)
        let text = try String(contentsOf: model, encoding: .utf8)
        #expect(text.hasSuffix(",\"version\":\(StoredReport.version)}\n"))
        try Data(text.replacingOccurrences(of: ",\"version\":\(StoredReport.version)}", with: ",\"version\":999}").utf8).write(to: model)
        #expect(reason(output)?.contains("the report model is version 999") == true)
        try Data("{\"format\":\"something else\"}".utf8).write(to: model)
        #expect(reason(output)?.contains("not a wavelength report model") == true)
        try Data(text.prefix(text.count / 2).utf8).write(to: model)
        #expect(reason(output)?.contains("not a wavelength report model") == true)
        try FileManager.default.removeItem(at: model)
        #expect(reason(output)?.contains("holds no report-model.json") == true)
        // Nothing was replaced by the failed attempts.
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("report.html").path))
    }

    @Test func waitsForNoOneWhileARunHoldsTheLock() throws {
        let output = try Self.run()
        let lock = try OutputLock(output: output)
        defer { lock.release() }
        do {
            try Workbench().renderReports(folder: output)
            Issue.record("rendered while the lock was held")
        } catch let error as RunError {
            #expect(error.outcome == .busy)
        }
    }
}
