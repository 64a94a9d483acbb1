/*
 * yaml_floor.c: the floor of any YAML reader: libyaml pulling every event of
 * a file and keeping nothing.  `maturinh score` cannot be faster than this.
 *
 * Usage: yaml_floor FILE
 */
#include <stdio.h>
#include <yaml.h>

int main(int argc, char **argv)
{
        yaml_parser_t parser;
        yaml_event_t event;
        unsigned long events = 0;
        FILE *f;
        int done = 0;

        if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) {
                fprintf(stderr, "usage: yaml_floor FILE\n");
                return 66;
        }
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_file(&parser, f);
        while (!done) {
                if (!yaml_parser_parse(&parser, &event))
                        return 65;
                done = event.type == YAML_STREAM_END_EVENT;
                yaml_event_delete(&event);
                events++;
        }
        yaml_parser_delete(&parser);
        fclose(f);
        printf("%lu events\n", events);
        return 0;
}
