/*
 * server.c: `maturinh serve` on libmicrohttpd (the only file of the project
 * that includes it): the socket, the thread pool, the limits, and a
 * connection turned into a web_request for web_handle().
 *
 * Limits: a body of more than WEB_BODY_MAX bytes is refused (413) without
 * being kept; a connection idle for CONNECTION_TIMEOUT seconds is closed,
 * and so is a request whose body is still coming REQUEST_DEADLINE seconds
 * after it started (a client that sends a byte now and then); at most
 * CONNECTIONS_MAX connections at once, headers within MHD's per-connection
 * memory limit.
 *
 * SIGTERM and SIGINT stop the listening socket, let the requests in flight
 * finish (each one's transaction is committed before its answer is sent),
 * close the database and return 0.
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "web.h"
#include "web_internal.h"

#define CONNECTION_TIMEOUT 30 /* seconds without a byte */
#define REQUEST_DEADLINE   60 /* seconds for a whole request body */
#define CONNECTIONS_MAX    4096
#define DEFAULT_THREADS    8
#define DRAIN_SECONDS      20 /* how long requests in flight may take to finish at SIGTERM */

struct server {
        web_app *app;
        FILE *err;
        pthread_mutex_t lock;
        pthread_cond_t idle;
        unsigned in_flight;
};

struct request {
        web_buf body;
        int too_large;
        time_t start;
        int counted;
};

static void log_mhd(void *cls, const char *fmt, va_list ap)
{
        FILE *err = cls;

        fputs("maturinh: ", err);
        vfprintf(err, fmt, ap);
        if (fmt[0] != '\0' && fmt[strlen(fmt) - 1] != '\n')
                fputc('\n', err);
}

static void request_done(void *cls, struct MHD_Connection *connection, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
        struct server *server = cls;
        struct request *req = *con_cls;

        (void)connection;
        (void)code;
        if (req == NULL)
                return;
        if (req->counted) {
                pthread_mutex_lock(&server->lock);
                if (--server->in_flight == 0)
                        pthread_cond_broadcast(&server->idle);
                pthread_mutex_unlock(&server->lock);
        }
        web_buf_free(&req->body);
        free(req);
        *con_cls = NULL;
}

static enum MHD_Result collect_argument(void *cls, enum MHD_ValueKind kind, const char *key,
                                        const char *value)
{
        web_fields *fields = cls;
        web_field *items;

        (void)kind;
        if (key == NULL || fields->count >= 1000)
                return MHD_YES;
        if (!web_utf8_valid(key, strlen(key)) ||
            (value != NULL && !web_utf8_valid(value, strlen(value))))
                return MHD_YES;
        items = realloc(fields->items, (fields->count + 1) * sizeof(*items));
        if (items == NULL)
                return MHD_NO;
        fields->items = items;
        items[fields->count].name = strdup(key);
        items[fields->count].value = strdup(value != NULL ? value : "");
        if (items[fields->count].name == NULL || items[fields->count].value == NULL) {
                free(items[fields->count].name);
                free(items[fields->count].value);
                return MHD_NO;
        }
        fields->count++;
        return MHD_YES;
}

/* The headers every answer carries, and those of this one. */
static void add_headers(struct MHD_Response *response, const web_response *resp, int tls)
{
        MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, resp->content_type);
        MHD_add_response_header(response, "Content-Security-Policy",
                                resp->csp != NULL ? resp->csp : WEB_CSP_DEFAULT);
        MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
        MHD_add_response_header(response, "Referrer-Policy", "no-referrer");
        MHD_add_response_header(response, "X-Frame-Options", "DENY");
        MHD_add_response_header(response, "Cross-Origin-Opener-Policy", "same-origin");
        MHD_add_response_header(response, "Cross-Origin-Resource-Policy", "same-origin");
        MHD_add_response_header(response, MHD_HTTP_HEADER_CACHE_CONTROL,
                                resp->cache_public ? "public, max-age=300" : "no-store");
        if (tls)
                MHD_add_response_header(response, "Strict-Transport-Security", "max-age=31536000");
        if (resp->set_cookie[0] != '\0')
                MHD_add_response_header(response, MHD_HTTP_HEADER_SET_COOKIE, resp->set_cookie);
        if (resp->location[0] != '\0')
                MHD_add_response_header(response, MHD_HTTP_HEADER_LOCATION, resp->location);
        if (resp->disposition[0] != '\0')
                MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_DISPOSITION,
                                        resp->disposition);
        if (resp->allow != NULL)
                MHD_add_response_header(response, MHD_HTTP_HEADER_ALLOW, resp->allow);
        if (resp->retry_after > 0) {
                char seconds[16];

                snprintf(seconds, sizeof(seconds), "%d", resp->retry_after);
                MHD_add_response_header(response, MHD_HTTP_HEADER_RETRY_AFTER, seconds);
        }
}

static enum MHD_Result send_response(struct MHD_Connection *connection, web_response *resp, int tls)
{
        struct MHD_Response *response;
        enum MHD_Result result;
        size_t length = resp->body.length;
        char *data = resp->body.data;

        if (resp->body.failed) {
                web_buf_free(&resp->body);
                resp->status = 503;
                resp->content_type = "text/plain; charset=utf-8";
                data = NULL;
                length = 0;
        }
        static char empty[1];

        response = MHD_create_response_from_buffer(length, data != NULL ? data : empty,
                                                   data != NULL ? MHD_RESPMEM_MUST_FREE
                                                                : MHD_RESPMEM_PERSISTENT);
        if (response == NULL) {
                web_buf_free(&resp->body);
                return MHD_NO;
        }
        resp->body.data = NULL; /* the response owns it now */
        resp->body.length = resp->body.capacity = 0;
        add_headers(response, resp, tls);
        result = MHD_queue_response(connection, (unsigned)resp->status, response);
        MHD_destroy_response(response);
        return result;
}

/* A refusal sent before the body has come (too large, too slow): the connection is then closed. */
static enum MHD_Result refuse_early(struct MHD_Connection *connection, struct server *server,
                                    const char *url, int status, const char *message)
{
        web_response resp;

        web_response_init(&resp);
        resp.status = status;
        if (strncmp(url, "/api/", 5) == 0) {
                /* the API's errors are JSON; `message` is a constant without quote nor backslash */
                resp.content_type = "application/json; charset=utf-8";
                web_buf_printf(&resp.body, "{\"error\":\"%s\"}", message);
        } else {
                resp.content_type = "text/plain; charset=utf-8";
                web_buf_puts(&resp.body, message);
                web_buf_puts(&resp.body, "\n");
        }
        return send_response(connection, &resp, web_app_tls(server->app));
}

static const char *header(struct MHD_Connection *connection, const char *name)
{
        return MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *connection, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
        struct server *server = cls;
        struct request *req = *con_cls;
        web_request request;
        web_response resp;
        web_fields query = {NULL, 0};
        enum MHD_Result result;

        (void)version;
        if (req == NULL) {
                const char *length = header(connection, MHD_HTTP_HEADER_CONTENT_LENGTH);

                if ((req = calloc(1, sizeof(*req))) == NULL)
                        return MHD_NO;
                req->start = time(NULL);
                *con_cls = req;
                pthread_mutex_lock(&server->lock);
                server->in_flight++;
                pthread_mutex_unlock(&server->lock);
                req->counted = 1;
                if (length != NULL && strtoull(length, NULL, 10) > WEB_BODY_MAX)
                        return refuse_early(connection, server, url, 413,
                                            "La requête est trop grande (1 Mio au plus).");
                return MHD_YES;
        }
        if (*upload_data_size > 0) {
                if (time(NULL) - req->start > REQUEST_DEADLINE) {
                        *upload_data_size = 0;
                        return refuse_early(connection, server, url, 408,
                                            "La requête a mis trop de temps à arriver.");
                }
                if (!req->too_large && req->body.length + *upload_data_size > WEB_BODY_MAX) {
                        req->too_large = 1;
                        web_buf_free(&req->body);
                }
                if (!req->too_large)
                        web_buf_add(&req->body, upload_data, *upload_data_size);
                *upload_data_size = 0;
                return MHD_YES;
        }
        memset(&request, 0, sizeof(request));
        request.method = method;
        request.path = url;
        MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collect_argument, &query);
        request.query = &query;
        request.cookie = header(connection, MHD_HTTP_HEADER_COOKIE);
        request.origin = header(connection, "Origin");
        request.host = header(connection, MHD_HTTP_HEADER_HOST);
        request.sec_fetch_site = header(connection, "Sec-Fetch-Site");
        request.csrf_header = header(connection, "X-CSRF-Token");
        request.content_type = header(connection, MHD_HTTP_HEADER_CONTENT_TYPE);
        request.body = req->body.data;
        request.body_length = req->body.length;
        request.body_too_large = req->too_large || req->body.failed;
        web_response_init(&resp);
        web_handle(server->app, &request, &resp);
        web_form_free(&query);
        result = send_response(connection, &resp, web_app_tls(server->app));
        web_response_free(&resp);
        return result;
}

/* ---- Starting -------------------------------------------------------------------- */

static int read_file(const char *path, char **out, FILE *err)
{
        FILE *f = fopen(path, "rb");
        web_buf buf = {NULL, 0, 0, 0};
        char chunk[4096];
        size_t n;

        if (f == NULL) {
                fprintf(err, "maturinh: %s: %s\n", path, strerror(errno));
                return -1;
        }
        while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && buf.length < 1024 * 1024)
                web_buf_add(&buf, chunk, n);
        fclose(f);
        if (buf.failed || buf.length == 0) {
                fprintf(err, "maturinh: %s: empty or unreadable\n", path);
                web_buf_free(&buf);
                return -1;
        }
        *out = buf.data;
        return 0;
}

static int is_loopback(const struct sockaddr *sa)
{
        if (sa->sa_family == AF_INET)
                return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
        if (sa->sa_family == AF_INET6)
                return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)sa)->sin6_addr);
        return 0;
}

/* "ADDR:PORT" or "[ADDR]:PORT" into a socket address; 0 or -1 with a message. */
static int parse_listen(const char *listen, struct sockaddr_storage *out, socklen_t *length,
                        char *host, size_t host_size, FILE *err)
{
        struct addrinfo hints, *found = NULL;
        const char *colon, *start = listen, *end;
        char port[8];
        int rc;

        if (listen[0] == '[') {
                start = listen + 1;
                end = strchr(start, ']');
                colon = end != NULL && end[1] == ':' ? end + 1 : NULL;
        } else {
                colon = strrchr(listen, ':');
                end = colon;
        }
        if (colon == NULL || end == NULL || end == start || (size_t)(end - start) >= host_size ||
            strlen(colon + 1) == 0 || strlen(colon + 1) >= sizeof(port) ||
            strspn(colon + 1, "0123456789") != strlen(colon + 1) || atoi(colon + 1) > 65535) {
                fprintf(err,
                        "maturinh: --listen %s: expected ADDRESS:PORT (127.0.0.1:8080, "
                        "[::1]:8080)\n",
                        listen);
                return -1;
        }
        memcpy(host, start, (size_t)(end - start));
        host[end - start] = '\0';
        strcpy(port, colon + 1);
        memset(&hints, 0, sizeof(hints));
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
        if ((rc = getaddrinfo(host, port, &hints, &found)) != 0 || found == NULL) {
                fprintf(err, "maturinh: --listen %s: %s\n", listen, gai_strerror(rc));
                return -1;
        }
        memcpy(out, found->ai_addr, found->ai_addrlen);
        *length = found->ai_addrlen;
        freeaddrinfo(found);
        return 0;
}

int web_serve(const web_options *o, FILE *err)
{
        struct sockaddr_storage addr;
        socklen_t addr_length = 0;
        char host[256], *cert = NULL, *key = NULL;
        struct server server;
        struct MHD_Daemon *daemon;
        const union MHD_DaemonInfo *info;
        mh_diagnostics *diags = NULL;
        unsigned threads = o->threads > 0 ? o->threads : DEFAULT_THREADS;
        unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC;
        unsigned connections = CONNECTIONS_MAX;
        struct rlimit files;
        sigset_t signals;
        int tls = o->tls_cert != NULL, sig, rc;
        struct timespec until;
        MHD_socket listener;

        if ((o->tls_cert == NULL) != (o->tls_key == NULL)) {
                fprintf(err, "maturinh: --tls-cert and --tls-key go together\n");
                return WEB_EXIT_USAGE;
        }
        if (parse_listen(o->listen, &addr, &addr_length, host, sizeof(host), err) < 0)
                return WEB_EXIT_USAGE;
        if (!tls && !o->behind_proxy && !is_loopback((struct sockaddr *)&addr)) {
                fprintf(err,
                        "maturinh: --listen %s: without TLS, only a loopback address (127.0.0.1, "
                        "::1) is served; give --tls-cert and --tls-key, or --behind-proxy when a "
                        "TLS reverse proxy is in front\n",
                        o->listen);
                return WEB_EXIT_USAGE;
        }
        if (tls) {
                if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
                        fprintf(err, "maturinh: this libmicrohttpd was built without TLS\n");
                        return WEB_EXIT_SOFTWARE;
                }
                if (read_file(o->tls_cert, &cert, err) < 0 ||
                    read_file(o->tls_key, &key, err) < 0) {
                        free(cert);
                        return WEB_EXIT_NOINPUT;
                }
                flags |= MHD_USE_TLS;
        }
        /* keep a few descriptors for the database and the logs */
        if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY &&
            files.rlim_cur < (rlim_t)connections + 64)
                connections = files.rlim_cur > 128 ? (unsigned)files.rlim_cur - 64 : 64;
        if (MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES)
                flags |= MHD_USE_EPOLL;
        else
                flags |= MHD_USE_POLL;
        if (access(o->db, F_OK) != 0) {
                /* a mistyped --db must not serve a new, empty database */
                fprintf(err,
                        "maturinh: %s: no such database (make it with maturinh campaign or "
                        "maturinh import)\n",
                        o->db);
                free(cert);
                free(key);
                return WEB_EXIT_NOINPUT;
        }
        if (mh_diagnostics_new(&diags) < 0) {
                free(cert);
                free(key);
                return WEB_EXIT_OSERR;
        }
        if ((rc = web_app_new(&server.app, o->db, tls || o->behind_proxy, threads, diags)) < 0) {
                size_t i;

                for (i = 0; i < mh_diagnostics_count(diags); i++) {
                        fprintf(err, "maturinh: ");
                        mh_error_print(mh_diagnostics_get(diags, i), err);
                }
                mh_diagnostics_free(diags);
                free(cert);
                free(key);
                return rc == MH_EBUSY       ? WEB_EXIT_TEMPFAIL
                       : rc == MH_EINVALID  ? WEB_EXIT_DATAERR
                       : rc == MH_ENOTFOUND ? WEB_EXIT_NOINPUT
                                            : WEB_EXIT_IOERR;
        }
        mh_diagnostics_free(diags);
        server.err = err;
        server.in_flight = 0;
        pthread_mutex_init(&server.lock, NULL);
        pthread_cond_init(&server.idle, NULL);

        /* the worker threads inherit a mask without them: only sigwait below takes them */
        sigemptyset(&signals);
        sigaddset(&signals, SIGTERM);
        sigaddset(&signals, SIGINT);
        pthread_sigmask(SIG_BLOCK, &signals, NULL);
        signal(SIGPIPE, SIG_IGN);

        daemon =
            tls ? MHD_start_daemon(
                      flags, 0, NULL, NULL, answer, &server, MHD_OPTION_EXTERNAL_LOGGER, log_mhd,
                      err, MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_THREAD_POOL_SIZE, threads,
                      MHD_OPTION_CONNECTION_LIMIT, connections, MHD_OPTION_CONNECTION_TIMEOUT,
                      CONNECTION_TIMEOUT, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
                      MHD_OPTION_NOTIFY_COMPLETED, request_done, &server, MHD_OPTION_HTTPS_MEM_CERT,
                      cert, MHD_OPTION_HTTPS_MEM_KEY, key, MHD_OPTION_END)
                : MHD_start_daemon(
                      flags, 0, NULL, NULL, answer, &server, MHD_OPTION_EXTERNAL_LOGGER, log_mhd,
                      err, MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_THREAD_POOL_SIZE, threads,
                      MHD_OPTION_CONNECTION_LIMIT, connections, MHD_OPTION_CONNECTION_TIMEOUT,
                      CONNECTION_TIMEOUT, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
                      MHD_OPTION_NOTIFY_COMPLETED, request_done, &server, MHD_OPTION_END);
        if (daemon == NULL) {
                fprintf(err, "maturinh: cannot serve on %s: %s\n", o->listen,
                        errno != 0 ? strerror(errno) : "libmicrohttpd refused to start");
                web_app_free(server.app);
                free(cert);
                free(key);
                return WEB_EXIT_OSERR;
        }
        info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
        if (strchr(host, ':') != NULL)
                fprintf(err, "maturinh: serving %s on %s://[%s]:%u/\n", o->db,
                        tls ? "https" : "http", host, info != NULL ? info->port : 0);
        else
                fprintf(err, "maturinh: serving %s on %s://%s:%u/\n", o->db, tls ? "https" : "http",
                        host, info != NULL ? info->port : 0);
        fflush(err);

        while (sigwait(&signals, &sig) != 0)
                ;
        /* stop taking connections, let those in flight finish, then stop */
        listener = MHD_quiesce_daemon(daemon);
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += DRAIN_SECONDS;
        pthread_mutex_lock(&server.lock);
        while (server.in_flight > 0)
                if (pthread_cond_timedwait(&server.idle, &server.lock, &until) == ETIMEDOUT)
                        break;
        pthread_mutex_unlock(&server.lock);
        MHD_stop_daemon(daemon);
        if (listener != MHD_INVALID_SOCKET)
                close(listener);
        web_app_free(server.app);
        pthread_cond_destroy(&server.idle);
        pthread_mutex_destroy(&server.lock);
        free(cert);
        free(key);
        fprintf(err, "maturinh: stopped\n");
        return WEB_EXIT_OK;
}
