/*
 * harness: shared set-up for the cmocka unit tests.  Tests run from the
 * repository root (make check does that).
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "data.h"
#include "diag.h"
#include "util.h"

/* The text of a file under the repository root; caller frees. */
static inline char *
harness_read(const char *path)
{
	struct buf b;

	buf_init(&b);
	if (util_read_file(path, 64u << 20, &b) != 0)
		fail_msg("cannot read %s", path);
	return buf_release(&b);
}

/* text with the first occurrence of from replaced by to; caller frees. */
static inline char *
harness_replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	struct buf b;

	if (at == NULL)
		fail_msg("\"%s\" not in the base text", from);
	buf_init(&b);
	buf_add(&b, text, (size_t)(at - text));
	buf_adds(&b, to);
	buf_adds(&b, at + strlen(from));
	return buf_release(&b);
}

/* "line:col" of the first occurrence of needle in text (col counts
 * UTF-8 characters); caller frees. */
static inline char *
harness_linecol(const char *text, const char *needle)
{
	const char *at = strstr(text, needle), *p;
	int line = 1, col = 1;

	if (at == NULL)
		fail_msg("\"%s\" not found", needle);
	for (p = text; p < at; p++) {
		if (*p == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)*p & 0xC0) != 0x80)
			col++;
	}
	return xasprintf("%d:%d", line, col);
}

/* Make the scratch folder named by tmpl ("/tmp/regen-NAME-XXXXXX", filled
 * in); 0, or -1.  A group's setup. */
static inline int
harness_mkdtemp(char *tmpl)
{
	return mkdtemp(tmpl) == NULL ? -1 : 0;
}

/* Remove a scratch folder and all in it; 0, or -1.  A group's teardown. */
static inline int
harness_rmtree(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);

	free(cmd);
	return rc == 0 ? 0 : -1;
}

/* The mini dataset (tests/data/mini.json), or NULL; caller frees with
 * model_free(). */
static inline struct model *
harness_mini(void)
{
	struct diags d;
	struct model *m;
	int code;

	diags_init(&d);
	m = data_load("tests/data/mini.json", &d, &code);
	diags_free(&d);
	return m;
}

#endif
