import Testing
@testable import WaveReports
