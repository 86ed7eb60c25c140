/*
 * libFuzzer target: the template parser and binder, and the layout of
 * every template it accepts, against the bundled dataset.  Built and run
 * by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>

#include "data.h"
#include "layout.h"
#include "tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct model *m;
static struct chart_specs presets;
static struct text_ctx *tc;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct layout lay;
	struct diags d;
	struct doc *doc;
	int code;

	diags_init(&d);
	if (m == NULL) {
		m = data_load("data/rare_earths.json", &d, &code);
		if (m == NULL)
			abort();	/* run from the repository root */
		tc = text_ctx_new();
		tmpl_init();
		if (tmpl_load_specs("templates/charts.xml", m, &presets,
		    &d) != 0)
			abort();
	}
	doc = tmpl_parse("fuzz.xml", (const char *)data, size, m, &presets,
	    tc, &d);
	if (doc != NULL) {
		layout_doc(doc, tc, "fuzz.xml", &lay, &d);
		layout_free(&lay);
	}
	doc_free(doc);
	diags_free(&d);
	text_ctx_trim(tc);	/* as after every run of a build */
	return 0;
}
