@_exported import WaveIngest
@_exported import WaveText
@_exported import WaveAnalytics
@_exported import WaveReports
