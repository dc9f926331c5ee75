import Foundation
import LoaPeers
import LoaTestSupport
import Testing

/// `ProcessCPU`, which `loa-bench delivery` charges CPU time per message with: it reads
/// `utime + stime` from `/proc/<pid>/stat` and refuses a process that is gone.
@Suite("Process CPU time")
struct ProcessCPUTests {
    @Test("user plus system ticks are fields 14 and 15, counted after a name holding spaces and parentheses")
    func statLine() {
        let line = "4242 (box (x) 2) S 1 4242 4242 0 -1 4194560 311 0 0 0 25 9 0 0 20 0 5 0 123 12345 678 18446744073709551615\n"
        #expect(ProcessCPU.clockTicks(inStatLine: line) == 34)
        #expect(ProcessCPU.clockTicks(inStatLine: "4242 (cut short) S 1 2 3") == nil)
        #expect(ProcessCPU.clockTicks(inStatLine: "no parentheses at all") == nil)
    }

    @Test("the time of a live process grows while it works")
    func growsWithWork() throws {
        let cpu = ProcessCPU(processIdentifiers: [getpid()])
        let before = try cpu.used()
        var after = before
        var sum = 0.0
        // Work until the kernel has charged at least one more clock tick; the deadline only
        // ends a reading that never moves, far beyond any slow machine.
        let deadline = ContinuousClock.now + .seconds(600)
        while after == before, ContinuousClock.now < deadline {
            for value in 0..<200_000 { sum += Double(value).squareRoot() }
            after = try cpu.used()
        }
        #expect(after > before, "no CPU time charged after work summing to \(sum)")
        #expect(ProcessCPU.clockTicksPerSecond > 0)
    }

    @Test("a process that has ended and been reaped is refused")
    func goneProcess() throws {
        let process = try ChildProcess("/bin/true", [], environment: [:], currentDirectory: nil, files: Spawn.Files(output: "/dev/null"))
        process.waitUntilExit()
        #expect(throws: HarnessError.self) { try ProcessCPU(processIdentifiers: [process.processIdentifier]).used() }
    }
}
