/*
 * libFuzzer target: `regen diff` and the revisions table.  Each input is
 * a dataset; every one the loader accepts is compared with the bundled
 * dataset both ways, and with itself, which must give no change.  Built
 * and run by `make fuzz`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "diff.h"
#include "doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct model *base;	/* data/rare_earths.json */

static void
compare(const struct model *a, const struct model *b, FILE *sink)
{
	struct changes cs = { 0 };

	diff_models(a, b, &cs);
	changes_print(&cs, "a", "b", 0, sink);
	changes_print(&cs, "a", "b", 1, sink);
	changes_free(&cs);
}

/* The revisions table of every series that keeps a previous edition. */
static void
revisions(const struct model *m)
{
	struct doc *d = doc_new(LANG_ZH);
	const char *why;
	size_t i;

	for (i = 0; i < m->nseries; i++) {
		struct table *t;

		if (m->series[i].previous == NULL)
			continue;
		t = doc_table_revisions(d, &m->series[i], &why);
		if (t != NULL)
			doc_add_block(d, BLOCK_TABLE, 1)->table = t;
	}
	doc_free(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct changes self = { 0 };
	struct model *m;
	struct diags d;
	FILE *sink;
	char *text;
	int code;

	diags_init(&d);
	if (base == NULL &&
	    (base = data_load("data/rare_earths.json", &d, &code)) == NULL)
		abort();	/* run from the repository root */
	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	m = data_parse("fuzz.json", text, size, &d);
	if (m != NULL && (sink = fopen("/dev/null", "w")) != NULL) {
		compare(base, m, sink);
		compare(m, base, sink);
		diff_models(m, m, &self);
		if (self.n != 0)
			abort();	/* a dataset differs from itself */
		changes_free(&self);
		revisions(m);
		fclose(sink);
	}
	model_free(m);
	diags_free(&d);
	free(text);
	return 0;
}
