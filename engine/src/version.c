/*
 * version.c: the library's version, set by the build.
 */
#include "maturinh/common.h"

const char *mh_version(void)
{
        return MH_VERSION_STRING;
}
