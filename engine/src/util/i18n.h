/*
 * i18n.h: the library's messages in the user's language (gettext).
 *
 * The library translates through its own text domain, MH_TEXT_DOMAIN, with
 * dgettext(), so that a program embedding it keeps its own domain and its
 * own textdomain() call.  The catalogs are looked up in the locale folder
 * compiled in (MH_LOCALEDIR, the install's share/locale), or in
 * $MATURINH_LOCALEDIR when set (the tests, run from the build tree).  The
 * translations are UTF-8 whatever the locale's character set, as every text
 * the library writes.
 *
 * N_() marks a message for xgettext without translating it (a table, a
 * format given to mh__diag_add(), which translates it); mh__tr() translates.
 * docs/translation.md says how to mark a message and update po/.
 */
#ifndef MH_I18N_H
#define MH_I18N_H

/** The library's text domain: po/libmaturinh.pot, po/fr.po, libmaturinh.mo. */
#define MH_TEXT_DOMAIN "libmaturinh"

/** Marks `s` for extraction; its value is `s`, untranslated. */
#define N_(s) (s)

/**
 * `msgid` in the language of the process's LC_MESSAGES (and LANGUAGE), or
 * `msgid` itself when there is no translation or the locale is C.
 * Thread-safe; binds the domain the first time.
 */
const char *mh__tr(const char *msgid)
#if defined(__GNUC__)
    __attribute__((format_arg(1)))
#endif
    ;

/** `singular` or `plural`, the one for `n` in the language of LC_MESSAGES (dngettext). */
const char *mh__ntr(const char *singular, const char *plural, unsigned long n)
#if defined(__GNUC__)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)))
#endif
    ;

/** Whether the library's messages are French (mh_language() is "fr"). */
int mh__french(void);

#endif
