// libFuzzer's driver, which a fuzz target's main calls with its callback. SwiftPM names an
// executable's entry point itself (so libFuzzer's own `main` cannot be used); this is the
// documented way for a program with its own main to run libFuzzer.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
