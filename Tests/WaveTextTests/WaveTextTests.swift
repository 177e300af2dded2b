import Testing
@testable import WaveText
