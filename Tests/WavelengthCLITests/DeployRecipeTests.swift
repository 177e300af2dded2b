import Foundation
import Testing
import Yams

/// The cluster recipes of `deploy/`: the Kubernetes manifests checked for the structure the
/// recipe depends on, and the shard and merge commands of both recipes run here as the
/// schedulers would run them (same scripts and arguments, the scheduler's variables set by
/// hand, local folders for the shared volume). No scheduler runs here.
@Suite(.serialized) struct DeployRecipeTests {
    static let root = CommandLineTests.testsFolder.deletingLastPathComponent()
    static let deploy = root.appendingPathComponent("deploy")

    static func documents(_ name: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: deploy.appendingPathComponent("kubernetes/\(name)"), encoding: .utf8)
        return try Yams.load_all(yaml: text).map { try #require($0 as? [String: Any], "\(name): a document is not a mapping") }
    }

    /// `value` at a path of keys and indices.
    static func at(_ value: Any?, _ path: Any...) -> Any? {
        var current = value
        for step in path {
            if let key = step as? String { current = (current as? [String: Any])?[key] }
            else if let index = step as? Int { current = (current as? [Any]).flatMap { index < $0.count ? $0[index] : nil } }
        }
        return current
    }

    static func env(_ container: Any?) -> [String: String] {
        var result: [String: String] = [:]
        for entry in (at(container, "env") as? [[String: Any]]) ?? [] {
            if let name = entry["name"] as? String, let value = entry["value"] as? String { result[name] = value }
        }
        return result
    }

    @Test func kubernetesManifestsHangTogether() throws {
        let storage = try Self.documents("storage.yaml")
        let shards = try #require(try Self.documents("shards-job.yaml").first)
        let merge = try #require(try Self.documents("merge-job.yaml").first)
        let claim = try #require(storage.first { $0["kind"] as? String == "PersistentVolumeClaim" })
        let config = try #require(storage.first { $0["kind"] as? String == "ConfigMap" })
        #expect((Self.at(claim, "spec", "accessModes") as? [String]) == ["ReadWriteMany"])
        for job in [shards, merge] {
            #expect(job["apiVersion"] as? String == "batch/v1")
            #expect(job["kind"] as? String == "Job")
            let pod = Self.at(job, "spec", "template", "spec")
            #expect(["Never", "OnFailure"].contains(Self.at(pod, "restartPolicy") as? String ?? ""))
            let container = Self.at(pod, "containers", 0)
            #expect(Self.at(container, "image") as? String == Self.at(shards, "spec", "template", "spec", "containers", 0, "image") as? String)
            // Every volume mounted is declared, and the declared ones are the storage's.
            let volumes = (Self.at(pod, "volumes") as? [[String: Any]]) ?? []
            for mount in (Self.at(container, "volumeMounts") as? [[String: Any]]) ?? [] {
                #expect(volumes.contains { $0["name"] as? String == mount["name"] as? String }, "\(mount)")
            }
            #expect(volumes.contains { Self.at($0, "persistentVolumeClaim", "claimName") as? String == Self.at(claim, "metadata", "name") as? String })
            #expect(volumes.contains { Self.at($0, "configMap", "name") as? String == Self.at(config, "metadata", "name") as? String })
            #expect(Self.env(container)["WAVELENGTH_CONFIG"] == "/etc/wavelength/wavelength.yaml")
        }
        // The Indexed Job: one pod per shard, the shard count the pods are told is the Job's.
        let spec = Self.at(shards, "spec")
        #expect(Self.at(spec, "completionMode") as? String == "Indexed")
        let completions = try #require(Self.at(spec, "completions") as? Int)
        let container = Self.at(spec, "template", "spec", "containers", 0)
        #expect(Self.env(container)["WAVELENGTH_SHARD_COUNT"] == String(completions))
        let command = (Self.at(container, "args", 0) as? String) ?? ""
        #expect(command.contains("--shard auto") && command.contains("$JOB_COMPLETION_INDEX"))
        // The settings file is one `wavelength run` accepts.
        let yaml = try #require(Self.at(config, "data", "wavelength.yaml") as? String)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wl-deploy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(yaml.utf8).write(to: folder.appendingPathComponent("wavelength.yaml"))
        let probe = try CommandLineTests.run(["run", "/nonexistent-corpus", "--config", folder.appendingPathComponent("wavelength.yaml").path,
                                              "--output", folder.appendingPathComponent("out").path])
        #expect(probe.stderr.contains("does not exist") && !probe.stderr.contains("configuration"), "\(probe.stderr)")
    }

    /// Runs a shell command with `environment` added (PATH kept).
    static func shell(_ command: String, _ environment: [String: String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        env.merge(environment) { _, new in new }
        process.environment = env
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func expectSameTables(_ a: URL, _ b: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: a.path).filter {
            $0.hasSuffix(".csv") || $0.hasSuffix(".jsonl") || $0.hasSuffix(".tsv") || $0 == "run.log"
        }
        #expect(names.count >= 5, sourceLocation: sourceLocation)
        for name in names.sorted() {
            var x = try Data(contentsOf: a.appendingPathComponent(name))
            var y = try? Data(contentsOf: b.appendingPathComponent(name))
            if name == "run.log" {
                // Its last line names the output folder.
                x = Data(String(decoding: x, as: UTF8.self).replacingOccurrences(of: a.path, with: "OUT").utf8)
                y = y.map { Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: b.path, with: "OUT").utf8) }
            }
            #expect(x == y, "\(name) differs", sourceLocation: sourceLocation)
        }
    }

    @Test func slurmScriptsShardAndMergeAsOneRun() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("wl-slurm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work.appendingPathComponent("shards"), withIntermediateDirectories: true)
        let single = try CommandLineTests.run(["run", CommandLineTests.corpus.path, "--output", work.appendingPathComponent("single").path,
                                               "--stopwords", CommandLineTests.stopwords.path])
        #expect(single.status == 1)   // the fixture corpus has two failing files
        let config = work.appendingPathComponent("wavelength.yaml")
        try Data("stopwords: \(CommandLineTests.stopwords.path)\n".utf8).write(to: config)
        let common = ["WL_BIN": CommandLineTests.binary.path, "WL_JOB_CORPUS": CommandLineTests.corpus.path, "WL_JOB_MANIFEST": "-",
                      "WL_JOB_WORKDIR": work.path, "WAVELENGTH_CONFIG": config.path, "SLURM_CPUS_PER_TASK": "1"]
        // sbatch --array=1-3: tasks numbered from 1.
        for task in 1...3 {
            let env = common.merging(["SLURM_ARRAY_TASK_ID": "\(task)", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "3"]) { $1 }
            let shard = try Self.shell(Self.deploy.appendingPathComponent("slurm/shard.sbatch").path, env)
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        let merge = try Self.shell(Self.deploy.appendingPathComponent("slurm/merge.sbatch").path, common)
        #expect(merge.status == 1, "\(merge.stderr)")   // outputs written, some input files failed
        try Self.expectSameTables(work.appendingPathComponent("single"), work.appendingPathComponent("out"))
    }

    @Test func kubernetesCommandsShardAndMergeAsOneRun() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("wl-k8s-\(UUID().uuidString)")
        let data = work.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data.appendingPathComponent("work/shards"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CommandLineTests.corpus, to: data.appendingPathComponent("corpus"))
        let corpus = data.appendingPathComponent("corpus").path
        let files = try FileManager.default.subpathsOfDirectory(atPath: corpus).sorted().filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: corpus + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        try Data(files.joined(separator: "\n").utf8).write(to: data.appendingPathComponent("manifest.txt"))
        let shards = try #require(try Self.documents("shards-job.yaml").first)
        let merge = try #require(try Self.documents("merge-job.yaml").first)
        let config = work.appendingPathComponent("wavelength.yaml")
        try Data("stopwords: \(CommandLineTests.stopwords.path)\n".utf8).write(to: config)
        let binFolder = CommandLineTests.binary.deletingLastPathComponent().path
        func local(_ job: [String: Any]) throws -> (command: String, env: [String: String]) {
            let container = Self.at(job, "spec", "template", "spec", "containers", 0)
            #expect((Self.at(container, "command") as? [String]) == ["/bin/sh", "-c"])
            let command = try #require(Self.at(container, "args", 0) as? String).replacingOccurrences(of: "/data/", with: data.path + "/")
            var env = Self.env(container)
            env["WAVELENGTH_CONFIG"] = config.path
            env["WAVELENGTH_THREADS"] = "1"
            env["PATH"] = binFolder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            return (command, env)
        }
        let shard = try local(shards)
        let count = try #require(Int(shard.env["WAVELENGTH_SHARD_COUNT"] ?? ""))
        for index in 0..<count {
            let result = try Self.shell(shard.command, shard.env.merging(["JOB_COMPLETION_INDEX": "\(index)"]) { $1 })
            #expect(result.status == 0, "\(result.stderr)")
        }
        let merged = try local(merge)
        let result = try Self.shell(merged.command, merged.env)
        #expect(result.status == 0, "\(result.stderr)")
        let single = try CommandLineTests.run(["run", data.appendingPathComponent("corpus").path, "--output", work.appendingPathComponent("single").path,
                                               "--stopwords", CommandLineTests.stopwords.path])
        #expect(single.status == 1)
        try Self.expectSameTables(work.appendingPathComponent("single"), data.appendingPathComponent("work/out"))
    }
}
