/*
 * cmd_serve.c: `maturinh serve`, the web questionnaire (web/, docs/web.md).
 *
 * The pages and the API speak French whatever the locale the server was
 * started in: its users are French, and the messages of the library that
 * reach them (an answer refused, a login locked out) must be in their
 * language too, so the server takes the French catalogs (cli_i18n_french).
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "web.h"

static const char usage_serve[] =
    N_("Usage: maturinh serve [--db FILE] [--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE]\n"
       "                      [--behind-proxy] [--threads N]\n"
       "\n"
       "Serves the web questionnaire on the database (default ./maturinh.db):\n"
       "CISOs fill in their establishments' questionnaires, ARS analysts and the\n"
       "national team follow theirs (accounts: maturinh user).  Listens on\n"
       "127.0.0.1:8080 by default (port 0: a free one, printed).  Without TLS only a\n"
       "loopback address is served, unless --behind-proxy says a TLS reverse proxy\n"
       "is in front.  SIGTERM or SIGINT stops it after the requests in flight.\n");

int cmd_serve(int argc, char **argv)
{
        const char *db = NULL, *listen = "127.0.0.1:8080", *cert = NULL, *key = NULL;
        int behind_proxy = 0, code;
        unsigned long threads = 0;
        cli_args args;
        const cli_option options[] = {
            CLI_OPTION_DB(&db),
            CLI_VALUE("listen", 0, &listen, "ADDR:PORT",
                      "where to listen (default 127.0.0.1:8080; port 0: any free port)"),
            CLI_VALUE("tls-cert", 0, &cert, "FILE", "serve HTTPS with this PEM certificate"),
            CLI_VALUE("tls-key", 0, &key, "FILE", "the PEM private key of --tls-cert"),
            CLI_FLAG("behind-proxy", 0, &behind_proxy,
                     "a TLS reverse proxy is in front: any address may be listened on"),
            CLI_NUMBER("threads", 0, &threads, "N", "worker threads (default 8)"),
            CLI_END};
        web_options o;

        if ((code = cli_parse_options("serve", _(usage_serve), options, argc, argv, &args)) >= 0)
                return code;
        if (args.argc > 0)
                return cli_usage_error("serve", N_("unexpected argument '%s'"), args.argv[0]);
        if (threads > 256)
                return cli_usage_error("serve", N_("--threads takes at most %d"), 256);
        cli_i18n_french();
        o.db = db != NULL ? db : MH_STORE_DEFAULT_PATH;
        o.listen = listen;
        o.tls_cert = cert;
        o.tls_key = key;
        o.behind_proxy = behind_proxy;
        o.threads = (unsigned)threads;
        return web_serve(&o, stderr);
}
