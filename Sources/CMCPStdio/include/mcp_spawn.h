#ifndef MCP_SPAWN_H
#define MCP_SPAWN_H

#include <sys/types.h>

/// What the child needs: an executable path (already resolved), its argument and environment
/// vectors (NULL-terminated), an optional working directory, and the three descriptors that
/// become its stdin, stdout and stderr.
typedef struct {
    const char *path;
    char *const *argv;
    char *const *envp;
    const char *cwd;
    int stdin_fd;
    int stdout_fd;
    int stderr_fd;
    /// Put the child in a new process group whose id is its pid.
    int new_process_group;
    /// Ask the kernel to SIGKILL the child when the forking thread dies (Linux only). The
    /// caller forks from a thread that lives exactly as long as the child.
    int die_with_parent;
} mcp_spawn_options;

/// Forks and execs. Returns 0 and sets *pid on success; returns -1 and sets *error to the errno
/// of the step that failed (in the parent or the child: exec failures are reported back through
/// a close-on-exec pipe, so "no such file" is an error here, not a child that exits 127).
int mcp_spawn(const mcp_spawn_options *options, pid_t *pid, int *error);

/// waitpid(pid, &status, 0) retried on EINTR. Returns the pid, or -1 with *error set.
pid_t mcp_wait(pid_t pid, int *status, int *error);

/// Decodes a wait status: returns 1 and sets *code if the process exited normally.
int mcp_exited(int status, int *code);
/// Decodes a wait status: returns 1 and sets *signal_number if a signal killed the process.
int mcp_signaled(int status, int *signal_number);

/// Ignores SIGPIPE in this process, so writing to a dead child returns EPIPE instead of killing
/// us. Idempotent.
void mcp_ignore_sigpipe(void);

/// Creates a pipe whose both ends are close-on-exec. Returns 0, or -1 with errno set.
int mcp_pipe_cloexec(int fds[2]);

/// Names the calling thread (for debuggers and `top -H`); names are cut to 15 bytes.
void mcp_set_thread_name(const char *name);

#endif
