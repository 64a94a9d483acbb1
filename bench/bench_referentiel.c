/*
 * bench_referentiel.c: loading a référentiel, against the floor.
 *
 * Usage: bench_referentiel FILE [ROUNDS]
 *
 * Times, over ROUNDS rounds (default 200) on the bytes of FILE already in
 * memory:
 *   floor      libyaml parsing alone (every event pulled, nothing kept);
 *   load       mh_referentiel_load_buffer(): parse, check, build, hash.
 * and prints each per round and as a ratio to the floor.  No assertion: the
 * numbers are read by people (docs/benchmarks.md).
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include <maturinh.h>

static double now(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void parse_only(const char *data, size_t length)
{
        yaml_parser_t parser;
        yaml_event_t event;
        int done = 0;

        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, (const unsigned char *)data, length);
        while (!done) {
                if (!yaml_parser_parse(&parser, &event)) {
                        fprintf(stderr, "bench: YAML error\n");
                        exit(1);
                }
                done = event.type == YAML_STREAM_END_EVENT;
                yaml_event_delete(&event);
        }
        yaml_parser_delete(&parser);
}

int main(int argc, char **argv)
{
        FILE *f;
        char *data;
        long size;
        int rounds, i;
        double start, floor_time, load_time;

        if (argc < 2) {
                fprintf(stderr, "usage: %s FILE [ROUNDS]\n", argv[0]);
                return 64;
        }
        rounds = argc > 2 ? atoi(argv[2]) : 200;
        if ((f = fopen(argv[1], "rb")) == NULL) {
                perror(argv[1]);
                return 66;
        }
        fseek(f, 0, SEEK_END);
        size = ftell(f);
        rewind(f);
        data = malloc((size_t)size);
        if (data == NULL || fread(data, 1, (size_t)size, f) != (size_t)size)
                return 74;
        fclose(f);

        start = now();
        for (i = 0; i < rounds; i++)
                parse_only(data, (size_t)size);
        floor_time = (now() - start) / rounds;

        start = now();
        for (i = 0; i < rounds; i++) {
                mh_referentiel *ref = NULL;

                if (mh_referentiel_load_buffer(&ref, data, (size_t)size, argv[1], NULL) != 0) {
                        fprintf(stderr, "bench: %s does not load\n", argv[1]);
                        return 65;
                }
                mh_referentiel_free(ref);
        }
        load_time = (now() - start) / rounds;

        printf("file        %s (%ld bytes), %d rounds\n", argv[1], size, rounds);
        printf("floor       libyaml parse only   %8.3f ms   1.00x\n", floor_time * 1e3);
        printf("load        mh_referentiel_load_buffer %8.3f ms   %.2fx\n", load_time * 1e3,
               load_time / floor_time);
        free(data);
        return 0;
}
