import Testing
@testable import WaveAnalytics
