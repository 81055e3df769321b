/* pctr_render.c IN.json OUT.html — report.html from a report.json with pctr_html_write,
 * for tests/integration/report_chromium.sh (the command that writes bundles is another
 * part of issue #17).
 */
#include <stdio.h>

#include "pctr_html.h"

int main(int argc, char **argv)
{
	json_error_t e;
	json_t *r;
	FILE *f;
	char err[256];

	if (argc != 3) {
		fprintf(stderr, "usage: pctr_render IN.json OUT.html\n");
		return 2;
	}
	if (!(r = json_load_file(argv[1], 0, &e))) {
		fprintf(stderr, "%s:%d: %s\n", argv[1], e.line, e.text);
		return 1;
	}
	if (!(f = fopen(argv[2], "w"))) {
		perror(argv[2]);
		return 1;
	}
	if (pctr_html_write(f, r, err, sizeof err) < 0 || fclose(f) != 0) {
		fprintf(stderr, "%s: %s\n", argv[2], err);
		return 1;
	}
	json_decref(r);
	return 0;
}
