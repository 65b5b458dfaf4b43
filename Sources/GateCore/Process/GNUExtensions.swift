#if canImport(Glibc)
import Glibc
#endif

/// glibc functions that Swift's Glibc module hides (they need `_GNU_SOURCE`) or cannot
/// import (variadic), looked up at run time with fixed-arity signatures.
enum GNUExtensions {
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32

    private static func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: type)
    }

    private static let pipe2Function = symbol("pipe2", as: Pipe2.self)
    private static let addChdirFunction = symbol("posix_spawn_file_actions_addchdir_np", as: AddChdir.self)
    private static let prctlFunction = symbol("prctl", as: Prctl.self)

    /// `pipe2(fds, O_CLOEXEC)`; falls back to `pipe` + `FD_CLOEXEC` where pipe2 is missing.
    static func closeOnExecPipe(_ descriptors: UnsafeMutablePointer<Int32>) -> Int32 {
        if let pipe2Function { return pipe2Function(descriptors, O_CLOEXEC) }
        guard pipe(descriptors) == 0 else { return -1 }
        _ = fcntl(descriptors[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptors[1], F_SETFD, FD_CLOEXEC)
        return 0
    }

    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29+); returns ENOSYS when unavailable.
    static func addChangeDirectory(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: String) -> Int32 {
        guard let addChdirFunction else { return ENOSYS }
        return addChdirFunction(actions, path)
    }

    /// `prctl(PR_SET_CHILD_SUBREAPER, 1)`; returns false when unsupported.
    static func becomeChildSubreaper() -> Bool {
        let setChildSubreaper: Int32 = 36
        return prctlFunction?(setChildSubreaper, 1, 0, 0, 0) == 0
    }
}
