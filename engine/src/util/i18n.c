/*
 * i18n.c: the one user of libintl (gettext) in the library: binds its text
 * domain once and translates through it (util/i18n.h).
 */
#include <libintl.h>
#include <pthread.h>
#include <stdlib.h>

#include "util/i18n.h"

#ifndef MH_LOCALEDIR
#define MH_LOCALEDIR "/usr/local/share/locale"
#endif

static pthread_once_t bound = PTHREAD_ONCE_INIT;

static void bind_domain(void)
{
        const char *dir = getenv("MATURINH_LOCALEDIR");

        bindtextdomain(MH_TEXT_DOMAIN, dir != NULL && dir[0] != '\0' ? dir : MH_LOCALEDIR);
        bind_textdomain_codeset(MH_TEXT_DOMAIN, "UTF-8");
}

const char *mh__tr(const char *msgid)
{
        if (msgid[0] == '\0') /* (gettext would give the catalog's header) */
                return msgid;
        pthread_once(&bound, bind_domain);
        return dgettext(MH_TEXT_DOMAIN, msgid);
}
