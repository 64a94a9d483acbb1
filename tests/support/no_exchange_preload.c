/*
 * no_exchange_preload.c: an LD_PRELOAD module that makes the program run as
 * on a file system without RENAME_EXCHANGE: renameat2() with that flag
 * fails with EINVAL, as such file systems answer; other calls go to the
 * kernel.  With MH_KILL_AT_RENAME=N, the process kills itself (SIGKILL) just
 * after its N-th successful rename(), to stop it between the two renames of
 * the fallback.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#define EXPORTED __attribute__((visibility("default"))) /* the build hides symbols */

EXPORTED int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
                       unsigned int flags)
{
        if (flags & RENAME_EXCHANGE) {
                errno = EINVAL;
                return -1;
        }
        return (int)syscall(SYS_renameat2, olddirfd, oldpath, newdirfd, newpath, flags);
}

EXPORTED int rename(const char *oldpath, const char *newpath)
{
        static int count;
        const char *kill_at = getenv("MH_KILL_AT_RENAME");
        int rc = (int)syscall(SYS_renameat2, AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);

        if (rc == 0 && kill_at != NULL && ++count == atoi(kill_at))
                raise(SIGKILL);
        return rc;
}
