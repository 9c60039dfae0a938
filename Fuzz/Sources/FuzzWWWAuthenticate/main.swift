import CLibFuzzer
#if canImport(Glibc)
import Glibc
#endif

// libFuzzer's command line (corpus directories, -max_total_time=…) is this program's.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzWWWAuthenticate(data, size) })
