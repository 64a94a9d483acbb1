/*
 * serve_load.c: N CISO sessions saving answers through `maturinh serve`.
 *
 * Usage: serve_load --port P --accounts FILE [--saves S] [--duration SECONDS]
 *                   [--think MS] [--pid PID] [--acked FILE]
 *
 * FILE has one line per session: "LOGIN PASSWORD FINESS".  One thread per
 * session, each on its own keep-alive HTTP/1.1 connection to 127.0.0.1:P:
 * POST /login (cookie mh_session), GET /api/v1/me (csrf_token), GET the
 * establishment (the versions of the indicators it saves), four sessions
 * at a time (the server checks two passwords at once), then, once every
 * session is logged in, PUT answers in a closed loop: S saves, or as many
 * as fit in SECONDS, each after a think time drawn between 0.5 and 1.5 MS
 * (none by default: the server saturated; with one, the first saves are
 * spread over MS so that the sessions do not march in step), cycling over
 * a few integer
 * indicators with {"value": V, "version": N}, N tracked from the responses.
 *
 * Prints one line "sessions saves seconds saves_per_s p50_ms p99_ms max_ms
 * errors login_hwm_kib save_hwm_kib": a save is an error unless it got 200.
 * With --pid (the server), login_hwm_kib is the server's VmHWM after the
 * logins (Argon2id takes 64 MiB per hash being verified), then the peak is
 * reset (/proc/PID/clear_refs) and save_hwm_kib is its VmHWM over the saves
 * alone.  --acked writes "FINESS INDICATOR VALUE VERSION" for the last
 * acknowledged save of every answer, for the caller to check against the
 * database.  Timings are reported, never judged.
 */
#define _GNU_SOURCE

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define INDICATORS 4
static const char *const indicators[INDICATORS] = {"GOUV-01-B", "ANNU-03-A", "ANNU-04-B",
                                                   "EXPO-01-B"};

struct session {
        char login[128], password[128], finess[32];
        int port, fd;
        char cookie[256], csrf[256];
        long long version[INDICATORS], value[INDICATORS];
        int acked[INDICATORS];
        double *latency; /* ms, one per save */
        size_t saves, capacity;
        long errors;
        int failed; /* could not log in: no saves */
        char *buf;
        size_t buf_size;
};

static pthread_barrier_t ready;
static sem_t logins; /* a few logins at a time: the benchmark times saves, not a login storm */
static long max_saves;
static double duration, start_time, think;
static pthread_mutex_t print_lock = PTHREAD_MUTEX_INITIALIZER;

static double now_ms(void)
{
        struct timespec t;

        clock_gettime(CLOCK_MONOTONIC, &t);
        return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void pause_ms(double ms)
{
        struct timespec t;

        t.tv_sec = (time_t)(ms / 1e3);
        t.tv_nsec = (long)((ms - 1e3 * (double)t.tv_sec) * 1e6);
        while (nanosleep(&t, &t) < 0 && errno == EINTR)
                ;
}

static void say(const struct session *s, const char *what)
{
        pthread_mutex_lock(&print_lock);
        fprintf(stderr, "serve_load: %s: %s\n", s->login, what);
        pthread_mutex_unlock(&print_lock);
}

static int connect_to(struct session *s)
{
        struct sockaddr_in addr;
        int one = 1;

        if (s->fd >= 0)
                return 0;
        if ((s->fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
                return -1;
        setsockopt(s->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        memset(&addr, 0, sizeof(addr));
        addr.sin_family = AF_INET;
        addr.sin_port = htons((unsigned short)s->port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(s->fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
                close(s->fd);
                s->fd = -1;
                return -1;
        }
        return 0;
}

static void disconnect(struct session *s)
{
        if (s->fd >= 0)
                close(s->fd);
        s->fd = -1;
}

static int send_all(int fd, const char *p, size_t n)
{
        while (n > 0) {
                ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

                if (w < 0 && errno == EINTR)
                        continue;
                if (w <= 0)
                        return -1;
                p += w;
                n -= (size_t)w;
        }
        return 0;
}

/* A header's value in the response head (name with its colon), or NULL. */
static const char *find_header(const char *head, const char *name, size_t *length)
{
        size_t n = strlen(name);
        const char *p = head;

        while ((p = strchr(p, '\n')) != NULL) {
                p++;
                if (strncasecmp(p, name, n) == 0) {
                        const char *v = p + n, *end;

                        while (*v == ' ')
                                v++;
                        end = strpbrk(v, "\r\n");
                        *length = end != NULL ? (size_t)(end - v) : strlen(v);
                        return v;
                }
        }
        return NULL;
}

/*
 * One request and its response on the session's connection; the body is
 * left NUL-terminated in s->buf (returned in *body).  Returns the status, or
 * -1 when the connection failed (it is then closed).
 */
static int request(struct session *s, const char *method, const char *path,
                   const char *content_type, const char *payload, char **body)
{
        char head[2048];
        size_t have = 0, head_length, need;
        const char *v, *end_of_head;
        size_t vlen;
        int n, status, retry;

        for (retry = 0; retry < 2; retry++) {
                if (connect_to(s) < 0)
                        return -1;
                n = snprintf(head, sizeof(head),
                             "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n%s%s%s%s%s%s"
                             "Content-Length: %zu\r\n\r\n",
                             method, path, s->port, s->cookie[0] ? "Cookie: mh_session=" : "",
                             s->cookie, s->cookie[0] ? "\r\n" : "",
                             s->csrf[0] && payload != NULL ? "X-CSRF-Token: " : "",
                             s->csrf[0] && payload != NULL ? s->csrf : "",
                             s->csrf[0] && payload != NULL ? "\r\n" : "",
                             payload != NULL ? strlen(payload) : 0);
                if (content_type != NULL) { /* insert it before Content-Length */
                        char *cl = strstr(head, "Content-Length:");
                        char tail[128];

                        snprintf(tail, sizeof(tail), "%s", cl);
                        n = (int)(cl - head) + snprintf(cl, sizeof(head) - (size_t)(cl - head),
                                                        "Content-Type: %s\r\n%s", content_type,
                                                        tail);
                }
                if (send_all(s->fd, head, (size_t)n) < 0 ||
                    (payload != NULL && send_all(s->fd, payload, strlen(payload)) < 0)) {
                        disconnect(s); /* a kept-alive connection the server closed: once more */
                        continue;
                }
                break;
        }
        if (retry == 2)
                return -1;
        /* read the head, then Content-Length bytes of body */
        for (;;) {
                ssize_t r;

                if (have + 1 >= s->buf_size) {
                        s->buf_size *= 2;
                        if ((s->buf = realloc(s->buf, s->buf_size)) == NULL)
                                abort();
                }
                r = recv(s->fd, s->buf + have, s->buf_size - have - 1, 0);
                if (r < 0 && errno == EINTR)
                        continue;
                if (r <= 0) {
                        disconnect(s);
                        return -1;
                }
                have += (size_t)r;
                s->buf[have] = '\0';
                if ((end_of_head = strstr(s->buf, "\r\n\r\n")) != NULL)
                        break;
        }
        head_length = (size_t)(end_of_head - s->buf) + 4;
        if (sscanf(s->buf, "HTTP/1.1 %d", &status) != 1) {
                disconnect(s);
                return -1;
        }
        v = find_header(s->buf, "Content-Length:", &vlen);
        need = v != NULL ? strtoul(v, NULL, 10) : 0;
        if ((v = find_header(s->buf, "Set-Cookie: mh_session=", &vlen)) != NULL) {
                size_t k = strcspn(v, ";\r\n");

                if (k < sizeof(s->cookie)) {
                        memcpy(s->cookie, v, k);
                        s->cookie[k] = '\0';
                }
        }
        int closing = (v = find_header(s->buf, "Connection:", &vlen)) != NULL &&
                      strncasecmp(v, "close", 5) == 0;
        while (have < head_length + need) {
                ssize_t r;

                if (have + 1 >= s->buf_size) {
                        s->buf_size *= 2;
                        if ((s->buf = realloc(s->buf, s->buf_size)) == NULL)
                                abort();
                }
                r = recv(s->fd, s->buf + have, s->buf_size - have - 1, 0);
                if (r < 0 && errno == EINTR)
                        continue;
                if (r <= 0) {
                        disconnect(s);
                        return -1;
                }
                have += (size_t)r;
        }
        memmove(s->buf, s->buf + head_length, need);
        s->buf[need] = '\0';
        *body = s->buf;
        if (closing)
                disconnect(s);
        return status;
}

static int log_in(struct session *s)
{
        char form[512], path[256], *body;
        json_t *j, *answers;
        int status, i;

        snprintf(form, sizeof(form), "login=%s&password=%s", s->login, s->password);
        status = request(s, "POST", "/login", "application/x-www-form-urlencoded", form, &body);
        if (status != 303 || s->cookie[0] == '\0') {
                say(s, "login refused");
                return -1;
        }
        if (request(s, "GET", "/api/v1/me", NULL, NULL, &body) != 200 ||
            (j = json_loads(body, 0, NULL)) == NULL) {
                say(s, "GET /api/v1/me failed");
                return -1;
        }
        snprintf(s->csrf, sizeof(s->csrf), "%s",
                 json_string_value(json_object_get(j, "csrf_token")) != NULL
                     ? json_string_value(json_object_get(j, "csrf_token"))
                     : "");
        json_decref(j);
        snprintf(path, sizeof(path), "/api/v1/campaigns/2025/establishments/%s", s->finess);
        if (request(s, "GET", path, NULL, NULL, &body) != 200 ||
            (j = json_loads(body, 0, NULL)) == NULL) {
                say(s, "GET of the establishment failed");
                return -1;
        }
        answers = json_object_get(j, "answers");
        for (i = 0; i < INDICATORS; i++)
                s->version[i] = json_integer_value(
                    json_object_get(json_object_get(answers, indicators[i]), "version"));
        json_decref(j);
        return 0;
}

static void *run_session(void *arg)
{
        struct session *s = arg;
        char path[256], payload[128], *body;
        unsigned seed = 0x9e3779b9u;
        const char *c;
        long k;

        for (c = s->login; *c != '\0'; c++)
                seed = seed * 31 + (unsigned char)*c;
        sem_wait(&logins);
        s->failed = log_in(s) < 0;
        if (s->failed) { /* once more, on a new connection */
                disconnect(s);
                s->cookie[0] = s->csrf[0] = '\0';
                s->failed = log_in(s) < 0;
        }
        sem_post(&logins);
        pthread_barrier_wait(&ready); /* every session logged in */
        pthread_barrier_wait(&ready); /* the main thread has reset the server's peak */
        if (s->failed)
                return NULL;
        /* the first sessions may have waited longer than the server's idle timeout */
        disconnect(s);
        if (connect_to(s) < 0) {
                s->failed = 1;
                return NULL;
        }
        if (think > 0) /* spread the sessions' first saves over one think time */
                pause_ms(think * rand_r(&seed) / ((double)RAND_MAX + 1));
        for (k = 0; max_saves == 0 || k < max_saves; k++) {
                int i = (int)(k % INDICATORS), status;
                long long value = 1000 + k;
                double t0, t1;
                json_t *j;

                if (think > 0 && k > 0) /* between half and one and a half think times */
                        pause_ms(think * (0.5 + rand_r(&seed) / ((double)RAND_MAX + 1)));
                t0 = now_ms();
                if (duration > 0 && t0 - start_time >= duration * 1e3)
                        break;
                snprintf(path, sizeof(path), "/api/v1/campaigns/2025/establishments/%s/answers/%s",
                         s->finess, indicators[i]);
                snprintf(payload, sizeof(payload), "{\"value\": %lld, \"version\": %lld}", value,
                         s->version[i]);
                status = request(s, "PUT", path, "application/json", payload, &body);
                t1 = now_ms();
                if (s->saves == s->capacity) {
                        s->capacity = s->capacity ? 2 * s->capacity : 256;
                        if ((s->latency = realloc(s->latency, s->capacity * sizeof(double))) ==
                            NULL)
                                abort();
                }
                s->latency[s->saves++] = t1 - t0;
                if (status != 200 || (j = json_loads(body, 0, NULL)) == NULL) {
                        char why[160];

                        s->errors++;
                        snprintf(why, sizeof(why), "PUT %s: %d %.100s", indicators[i], status,
                                 status > 0 ? body : "(connection failed)");
                        if (s->errors <= 3)
                                say(s, why);
                        continue;
                }
                s->version[i] = json_integer_value(json_object_get(j, "version"));
                s->value[i] = value;
                s->acked[i] = 1;
                json_decref(j);
        }
        disconnect(s);
        return NULL;
}

static long status_kib(long pid, const char *field)
{
        char path[64], line[256];
        long kib = -1;
        FILE *f;

        snprintf(path, sizeof(path), "/proc/%ld/status", pid);
        if ((f = fopen(path, "r")) == NULL)
                return -1;
        while (fgets(line, sizeof(line), f) != NULL)
                if (strncmp(line, field, strlen(field)) == 0)
                        kib = strtol(line + strlen(field), NULL, 10);
        fclose(f);
        return kib;
}

static void reset_peak(long pid)
{
        char path[64];
        FILE *f;

        snprintf(path, sizeof(path), "/proc/%ld/clear_refs", pid);
        if ((f = fopen(path, "w")) != NULL) {
                fputs("5", f); /* 5: reset the peak resident set size to the current one */
                fclose(f);
        }
}

static int by_value(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;

        return x < y ? -1 : x > y;
}

static double percentile(const double *sorted, size_t n, double p)
{
        size_t i;

        if (n == 0)
                return 0;
        i = (size_t)(p * (double)n);
        return sorted[i < n ? i : n - 1];
}

int main(int argc, char **argv)
{
        const char *accounts = NULL, *acked = NULL;
        struct session *sessions = NULL;
        pthread_t *threads;
        pthread_attr_t attr;
        size_t n = 0, cap = 0, i, total = 0, at = 0;
        long pid = 0, errors = 0, login_hwm = -1, save_hwm = -1;
        int port = 0, a, failed = 0;
        double *all, seconds;
        char line[512];
        FILE *f;

        for (a = 1; a < argc; a++) {
                if (strcmp(argv[a], "--port") == 0 && a + 1 < argc)
                        port = atoi(argv[++a]);
                else if (strcmp(argv[a], "--accounts") == 0 && a + 1 < argc)
                        accounts = argv[++a];
                else if (strcmp(argv[a], "--saves") == 0 && a + 1 < argc)
                        max_saves = atol(argv[++a]);
                else if (strcmp(argv[a], "--duration") == 0 && a + 1 < argc)
                        duration = atof(argv[++a]);
                else if (strcmp(argv[a], "--think") == 0 && a + 1 < argc)
                        think = atof(argv[++a]);
                else if (strcmp(argv[a], "--pid") == 0 && a + 1 < argc)
                        pid = atol(argv[++a]);
                else if (strcmp(argv[a], "--acked") == 0 && a + 1 < argc)
                        acked = argv[++a];
                else
                        break;
        }
        if (a < argc || port <= 0 || accounts == NULL || (max_saves <= 0 && duration <= 0)) {
                fprintf(stderr, "usage: serve_load --port P --accounts FILE [--saves S] "
                                "[--duration SECONDS] [--think MS] [--pid PID] [--acked FILE]\n");
                return 64;
        }
        if ((f = fopen(accounts, "r")) == NULL) {
                perror(accounts);
                return 66;
        }
        while (fgets(line, sizeof(line), f) != NULL) {
                struct session *s;

                if (n == cap) {
                        cap = cap ? 2 * cap : 64;
                        if ((sessions = realloc(sessions, cap * sizeof(*sessions))) == NULL)
                                return 70;
                }
                s = &sessions[n];
                memset(s, 0, sizeof(*s));
                if (sscanf(line, "%127s %127s %31s", s->login, s->password, s->finess) != 3)
                        continue;
                s->port = port;
                s->fd = -1;
                s->buf_size = 16384;
                if ((s->buf = malloc(s->buf_size)) == NULL)
                        return 70;
                n++;
        }
        fclose(f);
        if (n == 0) {
                fprintf(stderr, "serve_load: %s: no session\n", accounts);
                return 65;
        }
        threads = calloc(n, sizeof(*threads));
        pthread_barrier_init(&ready, NULL, (unsigned)n + 1);
        sem_init(&logins, 0, 4);
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, 256 * 1024);
        for (i = 0; i < n; i++)
                if (pthread_create(&threads[i], &attr, run_session, &sessions[i]) != 0) {
                        fprintf(stderr, "serve_load: cannot start %zu threads\n", n);
                        return 71;
                }
        pthread_barrier_wait(&ready);
        if (pid > 0) {
                login_hwm = status_kib(pid, "VmHWM:");
                reset_peak(pid);
        }
        start_time = now_ms();
        pthread_barrier_wait(&ready);
        for (i = 0; i < n; i++)
                pthread_join(threads[i], NULL);
        seconds = (now_ms() - start_time) / 1e3;
        if (pid > 0)
                save_hwm = status_kib(pid, "VmHWM:");

        for (i = 0; i < n; i++) {
                total += sessions[i].saves;
                errors += sessions[i].errors;
                failed += sessions[i].failed;
        }
        if ((all = malloc((total ? total : 1) * sizeof(double))) == NULL)
                return 70;
        for (i = 0; i < n; i++) {
                memcpy(all + at, sessions[i].latency, sessions[i].saves * sizeof(double));
                at += sessions[i].saves;
        }
        qsort(all, total, sizeof(double), by_value);
        if (acked != NULL) {
                if ((f = fopen(acked, "w")) == NULL) {
                        perror(acked);
                        return 73;
                }
                for (i = 0; i < n; i++)
                        for (a = 0; a < INDICATORS; a++)
                                if (sessions[i].acked[a])
                                        fprintf(f, "%s|%s|%lld|%lld\n", sessions[i].finess,
                                                indicators[a], sessions[i].value[a],
                                                sessions[i].version[a]);
                fclose(f);
        }
        printf("%zu %zu %.3f %.1f %.2f %.2f %.2f %ld %ld %ld\n", n, total, seconds,
               seconds > 0 ? (double)total / seconds : 0, percentile(all, total, 0.50),
               percentile(all, total, 0.99), total ? all[total - 1] : 0, errors + failed, login_hwm,
               save_hwm);
        for (i = 0; i < n; i++) {
                free(sessions[i].latency);
                free(sessions[i].buf);
        }
        free(sessions);
        free(threads);
        free(all);
        return failed > 0 ? 1 : 0;
}
