/*
 * bench_score.c: reading and scoring answers streams, against the floor.
 *
 * Usage: bench_score REFERENTIEL ANSWERS COPIES
 *
 * Writes COPIES copies of the answers file (a YAML stream) into one
 * temporary file, then times over it:
 *   floor   libyaml parsing alone (every event pulled, nothing kept);
 *   read    mh_answers_next(): parse, check against the référentiel, build;
 *   score   read + mh_evaluate() + the CSV writer (to /dev/null).
 * and prints each per establishment and as a ratio to the floor.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#include <maturinh.h>

static double now(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double floor_parse(const char *path)
{
        FILE *f = fopen(path, "rb");
        yaml_parser_t parser;
        yaml_event_t event;
        double start = now();
        int done = 0;

        yaml_parser_initialize(&parser);
        yaml_parser_set_input_file(&parser, f);
        while (!done) {
                if (!yaml_parser_parse(&parser, &event))
                        exit(65);
                done = event.type == YAML_STREAM_END_EVENT;
                yaml_event_delete(&event);
        }
        yaml_parser_delete(&parser);
        fclose(f);
        return now() - start;
}

static double run(const mh_referentiel *ref, const char *path, int score, long *count)
{
        mh_answers_reader *reader = NULL;
        mh_score_writer *writer = NULL;
        mh_establishment *est;
        FILE *null = fopen("/dev/null", "w");
        double start = now();
        int rc;

        *count = 0;
        if (mh_answers_open_file(&reader, ref, path, NULL) < 0 ||
            mh_score_writer_new(&writer, ref, MH_FORMAT_CSV, MH_DETAIL_SUMMARY, null, NULL) < 0)
                exit(70);
        while ((rc = mh_answers_next(&est, reader)) != MH_ITEROVER) {
                if (rc < 0)
                        exit(65);
                if (score) {
                        mh_result *result = NULL;

                        mh_evaluate(&result, ref, est);
                        mh_score_writer_add(writer, est, result, NULL);
                        mh_result_free(result);
                }
                mh_establishment_free(est);
                (*count)++;
        }
        mh_score_writer_finish(writer, NULL);
        mh_score_writer_free(writer);
        mh_answers_close(reader);
        fclose(null);
        return now() - start;
}

int main(int argc, char **argv)
{
        char path[] = "/tmp/mh-bench-XXXXXX", *data;
        mh_referentiel *ref = NULL;
        double floor_time, read_time, score_time;
        long copies, i, count, size;
        FILE *in, *out;
        int fd;

        if (argc != 4) {
                fprintf(stderr, "usage: %s REFERENTIEL ANSWERS COPIES\n", argv[0]);
                return 64;
        }
        copies = atol(argv[3]);
        if (mh_referentiel_load_file(&ref, argv[1], NULL) < 0)
                return 65;
        if ((in = fopen(argv[2], "rb")) == NULL)
                return 66;
        fseek(in, 0, SEEK_END);
        size = ftell(in);
        rewind(in);
        data = malloc((size_t)size);
        if (data == NULL || fread(data, 1, (size_t)size, in) != (size_t)size)
                return 74;
        fclose(in);
        if ((fd = mkstemp(path)) < 0 || (out = fdopen(fd, "w")) == NULL)
                return 73;
        for (i = 0; i < copies; i++) {
                fputs("---\n", out);
                fwrite(data, 1, (size_t)size, out);
                fputc('\n', out);
        }
        fclose(out);

        floor_time = floor_parse(path);
        read_time = run(ref, path, 0, &count);
        score_time = run(ref, path, 1, &count);
        printf("stream      %ld establishments (%ld copies of %s)\n", count, copies, argv[2]);
        printf("floor       libyaml parse only         %8.1f us/establishment   1.00x\n",
               floor_time / (double)count * 1e6);
        printf("read        parse + check + build      %8.1f us/establishment   %.2fx\n",
               read_time / (double)count * 1e6, read_time / floor_time);
        printf("score       read + evaluate + CSV      %8.1f us/establishment   %.2fx\n",
               score_time / (double)count * 1e6, score_time / floor_time);
        remove(path);
        free(data);
        mh_referentiel_free(ref);
        return 0;
}
