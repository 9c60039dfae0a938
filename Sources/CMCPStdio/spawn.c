#define _GNU_SOURCE
#include "mcp_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <pthread.h>
#if defined(__linux__)
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

static void write_errno_and_exit(int pipe_fd, int value) {
    // Only async-signal-safe calls between fork and exec.
    ssize_t ignored = write(pipe_fd, &value, sizeof value);
    (void)ignored;
    _exit(127);
}

static void close_from(int lowest, int except) {
#if defined(__linux__) && defined(SYS_close_range)
    if (except > lowest) {
        if (syscall(SYS_close_range, (unsigned)lowest, (unsigned)(except - 1), 0) != 0) goto fallback;
    }
    if (syscall(SYS_close_range, (unsigned)(except + 1), ~0U, 0) == 0) return;
fallback:;
#endif
    long limit = sysconf(_SC_OPEN_MAX);
    if (limit < 0 || limit > 65536) limit = 65536;
    for (int fd = lowest; fd < limit; fd++) {
        if (fd != except) close(fd);
    }
}

int mcp_spawn(const mcp_spawn_options *options, pid_t *pid, int *error) {
    int report[2];
#if defined(__linux__)
    if (pipe2(report, O_CLOEXEC) != 0) {
        *error = errno;
        return -1;
    }
#else
    if (pipe(report) != 0) {
        *error = errno;
        return -1;
    }
    fcntl(report[0], F_SETFD, FD_CLOEXEC);
    fcntl(report[1], F_SETFD, FD_CLOEXEC);
#endif
    pid_t parent = getpid();
    pid_t child = fork();
    if (child < 0) {
        *error = errno;
        close(report[0]);
        close(report[1]);
        return -1;
    }
    if (child == 0) {
        close(report[0]);
        // Reset what the parent may have changed: signal mask and ignored signals (we ignore
        // SIGPIPE; the server should not inherit that).
        sigset_t empty;
        sigemptyset(&empty);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        signal(SIGPIPE, SIG_DFL);
        if (options->new_process_group && setpgid(0, 0) != 0) write_errno_and_exit(report[1], errno);
#if defined(__linux__)
        if (options->die_with_parent) {
            if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) write_errno_and_exit(report[1], errno);
            // The parent may have died before prctl took effect.
            if (getppid() != parent) _exit(127);
        }
#else
        (void)parent;
#endif
        // Move the three descriptors out of the way first, in case one of them is 0, 1 or 2.
        int fds[3] = {options->stdin_fd, options->stdout_fd, options->stderr_fd};
        for (int i = 0; i < 3; i++) {
            fds[i] = fcntl(fds[i], F_DUPFD, 3);
            if (fds[i] < 0) write_errno_and_exit(report[1], errno);
        }
        for (int i = 0; i < 3; i++) {
            if (dup2(fds[i], i) < 0) write_errno_and_exit(report[1], errno);
        }
        // Make sure the report pipe does not sit in 0...2, then close everything else.
        int report_fd = report[1];
        if (report_fd < 3) {
            report_fd = fcntl(report_fd, F_DUPFD_CLOEXEC, 3);
            if (report_fd < 0) _exit(127);
        }
        close_from(3, report_fd);
        if (options->cwd && chdir(options->cwd) != 0) write_errno_and_exit(report_fd, errno);
        execve(options->path, options->argv, options->envp);
        write_errno_and_exit(report_fd, errno);
    }
    close(report[1]);
    if (options->new_process_group) setpgid(child, child);  // also here: no race with signals
    int child_errno = 0;
    ssize_t got;
    do {
        got = read(report[0], &child_errno, sizeof child_errno);
    } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof child_errno) {
        // The child failed before exec; reap it and report why.
        int status;
        int ignored;
        mcp_wait(child, &status, &ignored);
        *error = child_errno;
        return -1;
    }
    *pid = child;
    return 0;
}

pid_t mcp_wait(pid_t pid, int *status, int *error) {
    pid_t result;
    do {
        result = waitpid(pid, status, 0);
    } while (result < 0 && errno == EINTR);
    if (result < 0) *error = errno;
    return result;
}

int mcp_exited(int status, int *code) {
    if (WIFEXITED(status)) {
        *code = WEXITSTATUS(status);
        return 1;
    }
    return 0;
}

int mcp_signaled(int status, int *signal_number) {
    if (WIFSIGNALED(status)) {
        *signal_number = WTERMSIG(status);
        return 1;
    }
    return 0;
}

void mcp_ignore_sigpipe(void) {
    signal(SIGPIPE, SIG_IGN);
}

int mcp_pipe_cloexec(int fds[2]) {
#if defined(__linux__)
    return pipe2(fds, O_CLOEXEC);
#else
    if (pipe(fds) != 0) return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
#endif
}

void mcp_set_thread_name(const char *name) {
    char short_name[16];
    strncpy(short_name, name, 15);
    short_name[15] = 0;
#if defined(__APPLE__)
    pthread_setname_np(short_name);
#elif defined(__linux__)
    pthread_setname_np(pthread_self(), short_name);
#endif
}
