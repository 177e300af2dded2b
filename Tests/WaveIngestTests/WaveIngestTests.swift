import Testing
@testable import WaveIngest
