/*
 * i18n.c: the one user of libintl (gettext) in the library: binds its text
 * domain once and translates through it (util/i18n.h).
 */
#include <libintl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "maturinh/common.h"
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

const char *mh__ntr(const char *singular, const char *plural, unsigned long n)
{
        pthread_once(&bound, bind_domain);
        return dngettext(MH_TEXT_DOMAIN, singular, plural, n);
}

/*
 * The catalog in use says its language in its header ("Language: fr\n"),
 * which gettext gives for the empty message id; no catalog (the C locale,
 * a language without one) gives "" and the messages stay English.
 */
int mh__french(void)
{
        const char *header, *language;

        pthread_once(&bound, bind_domain);
        header = dgettext(MH_TEXT_DOMAIN, "");
        language = header != NULL ? strstr(header, "Language: ") : NULL;
        return language != NULL && strncmp(language + strlen("Language: "), "fr", 2) == 0;
}

const char *mh_language(void)
{
        return mh__french() ? "fr" : "en";
}
