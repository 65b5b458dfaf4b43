import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A freshly started child: its pid (also its process group id) and our ends of its pipes.
struct SpawnedProcess {
    let pid: pid_t
    /// Write end of the child's stdin, or -1 when stdin is /dev/null.
    let standardInput: Int32
    let standardOutput: Int32
    let standardError: Int32

    /// Starts `executablePath` with `posix_spawn` in a new process group, with pipes for
    /// stdout/stderr (and stdin when `withInput`), all signal dispositions reset to default
    /// and an empty signal mask.
    static func spawn(executablePath: String, spec: ProcessSpec, withInput: Bool) throws -> SpawnedProcess {
        let output = try makePipe()
        let errors: (read: Int32, write: Int32)
        let input: (read: Int32, write: Int32)?
        do {
            errors = try makePipe()
            do {
                input = withInput ? try makePipe() : nil
            } catch {
                [errors.read, errors.write].forEach { close($0) }
                throw error
            }
        } catch {
            [output.read, output.write].forEach { close($0) }
            throw error
        }
        var parentEnds: [Int32] = [output.read, errors.read]
        var childEnds: [Int32] = [output.write, errors.write]
        if let input {
            parentEnds.append(input.write)
            childEnds.append(input.read)
        }
        defer { childEnds.forEach { close($0) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input {
            posix_spawn_file_actions_adddup2(&actions, input.read, STDIN_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output.write, STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, errors.write, STDERR_FILENO)
        if let directory = spec.workingDirectory {
            let status = GNUExtensions.addChangeDirectory(&actions, directory)
            guard status == 0 else {
                (parentEnds + childEnds).forEach { close($0) }
                childEnds = []
                throw ProcessError.spawnFailed(executablePath, errno: status)
            }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaultSignals = sigset_t()
        sigfillset(&defaultSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executablePath] + spec.arguments).map { strdup($0) }
        let envp = spec.environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = (argv + [nil]).withUnsafeBufferPointer { arguments in
            (envp + [nil]).withUnsafeBufferPointer { environment in
                posix_spawn(&pid, executablePath, &actions, &attributes, arguments.baseAddress!, environment.baseAddress!)
            }
        }
        guard result == 0 else {
            parentEnds.forEach { close($0) }
            throw ProcessError.spawnFailed(executablePath, errno: result)
        }
        for descriptor in parentEnds {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        return SpawnedProcess(
            pid: pid,
            standardInput: input?.write ?? -1,
            standardOutput: output.read,
            standardError: errors.read
        )
    }

    /// A close-on-exec pipe, so concurrently spawned children never inherit each other's ends.
    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [-1, -1]
        guard GNUExtensions.closeOnExecPipe(&descriptors) == 0 else { throw ProcessError.pipeFailed(errno: errno) }
        return (descriptors[0], descriptors[1])
    }
}
