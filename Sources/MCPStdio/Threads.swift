#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CMCPStdio

/// Runs `body` on a new detached OS thread.
///
/// Stdio I/O uses plain threads blocked in `read(2)`, `poll(2)` (the stdout event loop, without a
/// timeout) or `waitpid(2)` rather than polling on a timer: a blocked thread costs no CPU while
/// the session is idle and wakes the moment data arrives.
func startThread(name: String, _ body: @escaping @Sendable () -> Void) throws {
    final class Box: Sendable {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }
    let box = Unmanaged.passRetained(Box(name: name, body: body)).toOpaque()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    #if canImport(Darwin)
    var thread: pthread_t?
    #else
    var thread = pthread_t()
    #endif
    let result = pthread_create(&thread, &attributes, { argument in
        let box = Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue()
        mcp_set_thread_name(box.name)
        box.body()
        return nil
    }, box)
    guard result == 0 else {
        Unmanaged<AnyObject>.fromOpaque(box).release()
        throw TransportErrno(result, "could not start a thread")
    }
}

/// An errno with context, turned into a readable message.
struct TransportErrno: Error, CustomStringConvertible {
    let code: Int32
    let context: String

    init(_ code: Int32, _ context: String) {
        self.code = code
        self.context = context
    }

    var description: String {
        "\(context): \(String(cString: strerror(code))) (errno \(code))"
    }
}
