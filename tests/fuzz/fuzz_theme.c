/*
 * libFuzzer target: the theme parser (templates/themes/NAME.theme).
 * Built and run by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>

#include "theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d;

	diags_init(&d);
	theme_free(theme_parse("fuzz", "fuzz.theme", (const char *)data,
	    size, &d));
	diags_free(&d);
	return 0;
}
