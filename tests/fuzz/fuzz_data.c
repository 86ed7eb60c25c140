/*
 * libFuzzer target: the dataset loader, and the preset charts of every
 * dataset it accepts.  Built and run by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "data.h"
#include "scene.h"
#include "text.h"
#include "tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct text_ctx *tc;
static struct chart_specs presets;	/* templates/charts.xml */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model *m;
	struct diags d;
	char *text;
	size_t k;

	diags_init(&d);
	if (tc == NULL) {
		tc = text_ctx_new();
		tmpl_init();
		if (tmpl_load_specs("templates/charts.xml", NULL, &presets,
		    &d) != 0)
			abort();	/* run from the repository root */
	}
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	m = data_parse("fuzz.json", text, size, &d);
	for (k = 0; m != NULL && k < presets.n; k++)
		scene_free(chart_build(&presets.v[k], m, tc, NULL, &d, NULL));
	model_free(m);
	diags_free(&d);
	free(text);
	return 0;
}
