/*
 * setlocale_preload.c: an LD_PRELOAD module that calls setlocale(LC_ALL, "")
 * before main, so that the program runs in the locale of its environment
 * (LC_ALL=fr_FR.UTF-8: printf writes "68,0", strtod reads "0,5"), as a
 * program embedding the engine that calls setlocale would.  maturinh itself
 * never calls setlocale: without this, LC_ALL alone changes nothing in it.
 *
 * With MH_SETLOCALE_PRELOAD_SHOW set, it says on stderr which locale it got
 * and its decimal point ("setlocale_preload: fr_FR.UTF-8 ','"), so that a
 * test can check that it took effect.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

void mh_setlocale_preload(void) __attribute__((constructor));

void mh_setlocale_preload(void)
{
        const char *name = setlocale(LC_ALL, "");

        if (getenv("MH_SETLOCALE_PRELOAD_SHOW") != NULL)
                fprintf(stderr, "setlocale_preload: %s '%s'\n", name != NULL ? name : "(none)",
                        localeconv()->decimal_point);
}
