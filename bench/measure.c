/*
 * measure.c: runs a command and reports its wall time and peak memory.
 *
 * Usage: measure COMMAND [ARGS...]   (stdout of the command goes to /dev/null)
 * Prints "SECONDS PEAK_KIB" on stderr: the elapsed time and the maximum
 * resident set size of the command (getrusage of the children).
 */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
        struct timespec start, end;
        struct rusage usage;
        pid_t pid;
        int status, fd;

        if (argc < 2) {
                fprintf(stderr, "usage: %s COMMAND [ARGS...]\n", argv[0]);
                return 64;
        }
        clock_gettime(CLOCK_MONOTONIC, &start);
        if ((pid = fork()) == 0) {
                if ((fd = open("/dev/null", O_WRONLY)) >= 0)
                        dup2(fd, 1);
                execvp(argv[1], argv + 1);
                _exit(127);
        }
        if (pid < 0 || waitpid(pid, &status, 0) < 0)
                return 70;
        clock_gettime(CLOCK_MONOTONIC, &end);
        getrusage(RUSAGE_CHILDREN, &usage);
        fprintf(stderr, "%.3f %ld\n",
                (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9,
                usage.ru_maxrss);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 70;
}
