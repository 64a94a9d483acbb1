/*
 * i18n.c: the one user of libintl (gettext) in the program: the locale of the
 * environment, and the program's own text domain (cli.h, docs/translation.md).
 *
 * setlocale(LC_ALL, "") puts the whole process in the user's locale, as a
 * program on Debian does; the library's outputs do not depend on it (its
 * numbers are written in the C locale, util/cnum.c), and neither do the
 * program's, which format no number themselves.  The messages follow
 * LC_MESSAGES (and LANGUAGE), in UTF-8 like every text maturinh writes.
 */
#define _POSIX_C_SOURCE 200809L

#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifndef CLI_LOCALEDIR
#define CLI_LOCALEDIR "/usr/local/share/locale"
#endif

void cli_i18n_init(void)
{
        const char *dir = getenv("MATURINH_LOCALEDIR");

        setlocale(LC_ALL, "");
        bindtextdomain(CLI_TEXT_DOMAIN, dir != NULL && dir[0] != '\0' ? dir : CLI_LOCALEDIR);
        bind_textdomain_codeset(CLI_TEXT_DOMAIN, "UTF-8");
        textdomain(CLI_TEXT_DOMAIN);
}

void cli_i18n_french(void)
{
        const char *messages = setlocale(LC_MESSAGES, NULL);

        /* LANGUAGE is ignored under the C locale: C.UTF-8 (always there) lets it speak */
        setenv("LANGUAGE", "fr", 1);
        if (messages == NULL || strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0)
                setlocale(LC_MESSAGES, "C.UTF-8");
        setlocale(LC_NUMERIC, "C");
}

const char *cli_tr(const char *msgid)
{
        /* (gettext would give the catalog's header for "") */
        return msgid[0] != '\0' ? gettext(msgid) : msgid;
}

const char *cli_ntr(const char *singular, const char *plural, unsigned long n)
{
        return ngettext(singular, plural, n);
}
