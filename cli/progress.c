/*
 * progress.c: a progress line on stderr for long runs, only when stderr is a
 * terminal (never in files, pipes or CI logs).  Redrawn at most ten times a
 * second; erased when the work ends.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static int enabled = -1;      /* stderr is a terminal: decided at the first call */
static const char *label;     /* what is counted */
static size_t count;          /* establishments so far */
static double started, drawn; /* seconds */

static double now(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_start(const char *what)
{
        if (enabled < 0)
                enabled = isatty(STDERR_FILENO);
        label = what;
        count = 0;
        started = drawn = now();
}

void cli_progress_tick(void)
{
        double t;

        count++;
        if (!enabled || (count & 63) != 0)
                return;
        t = now();
        if (t - drawn < 0.1)
                return;
        drawn = t;
        /* a whole rate: no decimal point, whatever the locale */
        fputc('\r', stderr);
        fprintf(stderr, _("%s: %zu establishments (%lu/s)   "), label, count,
                (unsigned long)((double)count / (t - started + 1e-9) + 0.5));
}

void cli_progress_end(void)
{
        if (enabled > 0 && count >= 64)
                fputs("\r\033[K", stderr);
}
