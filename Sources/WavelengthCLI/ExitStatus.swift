import ArgumentParser
import Foundation
import WaveLexicon
import WaveTerms
import WaveTopics
import WaveIngest
import WavePipeline

/// The one mapping from each module's errors to the process's exit status
/// (0 success, 1 outputs written but some files failed, 2 no output, 64 usage,
/// 75 another run holds the output folder's lock).
/// Commands throw the module's error; this tells it on standard error and exits.
enum ExitStatus {
    /// The error to exit with: a module's error becomes exit status 2 after its
    /// message is printed; ArgumentParser's own errors and exit codes pass through.
    static func map(_ error: Error) -> Error {
        let message: String
        var outcome = RunOutcome.failed
        switch error {
        case let error as RunError: message = error.reason; outcome = error.outcome
        case let error as LexiconError: message = "\(error)"
        case let error as TermsError: message = "\(error)"
        case let error as TopicsError: message = "\(error)"
        case let error as IngestError: message = "\(error.code.rawValue): \(error.reason)"
        case let error as CocoaError: message = error.localizedDescription
        default: return error
        }
        StandardError.print("wavelength: error: \(message)")
        return ExitCode(outcome.rawValue)
    }
}
