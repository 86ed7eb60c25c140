/*
 * manifest: parsing the job list of `regen build`.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "regen.h"
#include "util.h"

#define MANIFEST_MAX_BYTES	(8u << 20)

/* The strings of one job (not the job itself). */
static void
job_clear(struct job *j)
{
	free(j->tmpl);
	free(j->data);
	free(j->out);
	free(j->formats);
	free(j->lang);
	free(j->chart);
	free(j->name);
	free(j->theme);
}

void
manifest_free(struct job *jobs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		job_clear(&jobs[i]);
	free(jobs);
}

/* Store one key=value of a job; returns -1 for an unknown key, -2 for
 * one given twice. */
static int
set_field(struct job *j, const char *key, const char *val)
{
	static const struct { const char *key; size_t off; int report,
	    charts; } f[] = {
		{ "template", offsetof(struct job, tmpl), 1, 0 },
		{ "data", offsetof(struct job, data), 1, 1 },
		{ "out", offsetof(struct job, out), 1, 1 },
		{ "formats", offsetof(struct job, formats), 1, 1 },
		{ "lang", offsetof(struct job, lang), 0, 1 },
		{ "chart", offsetof(struct job, chart), 0, 1 },
		{ "name", offsetof(struct job, name), 0, 1 },
		{ "theme", offsetof(struct job, theme), 0, 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (strcmp(f[i].key, key) == 0 &&
		    (j->kind == JOB_REPORT ? f[i].report : f[i].charts)) {
			char **slot = (char **)(void *)((char *)j + f[i].off);

			if (*slot != NULL)
				return -2;
			*slot = xstrdup(val);
			return 0;
		}
	return -1;
}

static int
parse_line(char *line, struct job *j, const char *file, int lineno,
    struct diags *d)
{
	struct pos p = { file, lineno, 0 };
	char *tok, *save = NULL, *eq;

	memset(j, 0, sizeof(*j));
	j->line = lineno;
	tok = strtok_r(line, " \t", &save);
	if (strcmp(tok, "report") == 0)
		j->kind = JOB_REPORT;
	else if (strcmp(tok, "charts") == 0)
		j->kind = JOB_CHARTS;
	else {
		diags_add(d, &p, "unknown job \"%s\"; expected report or "
		    "charts", tok);
		return -1;
	}
	while ((tok = strtok_r(NULL, " \t", &save)) != NULL) {
		if ((eq = strchr(tok, '=')) == NULL || eq == tok ||
		    eq[1] == '\0') {
			diags_add(d, &p, "\"%s\": expected key=value", tok);
			return -1;
		}
		*eq = '\0';
		switch (set_field(j, tok, eq + 1)) {
		case -1:
			diags_add(d, &p, "unknown key \"%s\" for a %s job",
			    tok, j->kind == JOB_REPORT ? "report" : "charts");
			return -1;
		case -2:
			diags_add(d, &p, "\"%s\" given twice", tok);
			return -1;
		}
	}
	if (j->kind == JOB_REPORT && j->tmpl == NULL) {
		diags_add(d, &p, "a report job needs template=FILE");
		return -1;
	}
	return 0;
}

int
manifest_parse(const char *path, const char *text, size_t len,
    struct job **jobs, size_t *n, struct diags *d)
{
	struct pos p = { path, 0, 0 };
	char *copy = xmalloc(len + 1), *line, *next, *s;
	int lineno = 0, bad = 0;

	memcpy(copy, text, len);
	copy[len] = '\0';
	*jobs = NULL;
	*n = 0;
	for (line = copy; line != NULL; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		for (s = line; *s == ' ' || *s == '\t'; s++)
			;
		if (*s == '\0' || *s == '#' || *s == '\r')
			continue;
		s[strcspn(s, "\r")] = '\0';
		*jobs = xreallocarray(*jobs, *n + 1, sizeof(**jobs));
		if (parse_line(s, &(*jobs)[*n], path, lineno, d) == -1) {
			bad = 1;
			job_clear(&(*jobs)[*n]);	/* what was parsed of it */
			continue;
		}
		(*n)++;
	}
	free(copy);
	if (bad) {
		manifest_free(*jobs, *n);
		*jobs = NULL;
		*n = 0;
		return EXIT_DATAERR;
	}
	if (*n == 0) {
		diags_add(d, &p, "no jobs; expected lines such as "
		    "\"report template=templates/briefing.xml\"");
		return EXIT_DATAERR;
	}
	return EXIT_OK;
}

int
manifest_load(const char *path, struct job **jobs, size_t *n,
    struct diags *d)
{
	struct buf b;
	int err;

	*jobs = NULL;
	*n = 0;
	buf_init(&b);
	if ((err = diag_read_input(d, path, "manifest", MANIFEST_MAX_BYTES,
	    &b)) == EXIT_OK)
		err = manifest_parse(path, b.data, b.len, jobs, n, d);
	buf_free(&b);
	return err;
}
