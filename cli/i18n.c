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
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>

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

const char *cli_tr(const char *msgid)
{
        /* (gettext would give the catalog's header for "") */
        return msgid[0] != '\0' ? gettext(msgid) : msgid;
}

const char *cli_ntr(const char *singular, const char *plural, unsigned long n)
{
        return ngettext(singular, plural, n);
}
