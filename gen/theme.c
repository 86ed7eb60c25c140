/*
 * theme: chart colours from templates/themes/NAME.theme.
 *
 * The format is one "key = #RRGGBB" per line; "#" at the start of a line
 * begins a comment.  Every key must be given once.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "regen.h"
#include "theme.h"
#include "util.h"

static const char *const keys[THEME__MAX] = {
	"background", "ink", "muted", "grid", "axis", "highlight", "bar",
	"rest", "second", "on-highlight", "on-rest"
};

static const struct theme builtin = {
	"default", NULL,
	{ 0xFFFFFF, 0x1A1A1A, 0x595959, 0xE3E3E3, 0x333333, 0x0072B2,
	  0x9A9A9A, 0xCCCCCC, 0x56B4E9, 0xFFFFFF, 0x1A1A1A }
};

const struct theme *
theme_default(void)
{
	return &builtin;
}

void
theme_free(struct theme *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->path);
	free(t);
}

/* NAME -> the path of templates/themes/NAME.theme; caller frees. */
static char *
find_theme(const char *name)
{
	char *rel, *p;

	if (strchr(name, '/') != NULL || strstr(name, ".theme") != NULL)
		return xstrdup(name);
	rel = xasprintf("templates/themes/%s.theme", name);
	p = util_resource(rel);
	free(rel);
	return p;
}

static int
parse_colour(const char *s, uint32_t *out)
{
	char *end;
	unsigned long v;

	if (s[0] != '#' || strlen(s) != 7 || strspn(s + 1,
	    "0123456789abcdefABCDEF") != 6)
		return -1;
	v = strtoul(s + 1, &end, 16);
	*out = (uint32_t)v;
	return 0;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && strchr(" \t\r\n", e[-1]))
		*--e = '\0';
	return s;
}

/* One "key = #RRGGBB" line of a theme; 0, or -1 with the problem in d. */
static int
parse_line(struct theme *t, char *line, int seen[THEME__MAX],
    const struct pos *p, struct diags *d)
{
	char *eq, *key, *val;
	int k;

	if ((eq = strchr(line, '=')) == NULL) {
		diags_add(d, p, "expected \"key = #RRGGBB\", got \"%s\"", line);
		return -1;
	}
	*eq = '\0';
	key = trim(line);
	val = trim(eq + 1);
	for (k = 0; k < THEME__MAX && strcmp(keys[k], key) != 0; k++)
		;
	if (k == THEME__MAX) {
		diags_add(d, p, "unknown key \"%s\"; expected background, "
		    "ink, muted, grid, axis, highlight, bar, rest, "
		    "second, on-highlight or on-rest", key);
		return -1;
	}
	if (seen[k]++) {
		diags_add(d, p, "\"%s\" given twice", key);
		return -1;
	}
	if (parse_colour(val, &t->c[k]) == -1) {
		diags_add(d, p, "%s: expected a colour #RRGGBB, got \"%s\"",
		    key, val);
		return -1;
	}
	return 0;
}

struct theme *
theme_parse(const char *name, const char *path, const char *text,
    size_t len, struct diags *d)
{
	struct theme *t = xcalloc(1, sizeof(*t));
	struct pos p = { path, 0, 0 };
	char *copy = xmalloc(len + 1), *line, *next;
	int seen[THEME__MAX] = { 0 }, k, bad = 0;

	memcpy(copy, text, len);
	copy[len] = '\0';
	for (line = copy; line != NULL; line = next) {
		p.line++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line = trim(line);
		if (*line != '\0' && *line != '#' &&
		    parse_line(t, line, seen, &p, d) == -1)
			bad = 1;
	}
	free(copy);
	p.line = 0;
	for (k = 0; k < THEME__MAX && !bad; k++)
		if (!seen[k]) {
			diags_add(d, &p, "missing key \"%s\"", keys[k]);
			bad = 1;
		}
	if (bad) {
		theme_free(t);
		return NULL;
	}
	t->name = xstrdup(name);
	t->path = xstrdup(path);
	return t;
}

struct theme *
theme_load(const char *name, struct diags *d, int *code)
{
	struct theme *t = NULL;
	struct pos p = { NULL, 0, 0 };
	struct buf b;
	char *path = find_theme(name);
	int err;

	p.file = path;
	buf_init(&b);
	if ((err = util_read_file(path, 64 * 1024, &b)) != 0) {
		diags_add(d, &p, "cannot read theme: %s%s", strerror(err),
		    err == ENOENT ? " (themes: default, greyscale, dark, or "
		    "a file path)" : "");
		*code = EXIT_NOINPUT;
	} else if ((t = theme_parse(name, path, b.data, b.len, d)) == NULL)
		*code = EXIT_DATAERR;
	else
		*code = EXIT_OK;
	buf_free(&b);
	free(path);
	return t;
}
