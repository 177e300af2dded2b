import Testing
@testable import WavePipeline
