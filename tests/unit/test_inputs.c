/*
 * Unit tests of the small input parsers: chart themes and `regen build`
 * manifests.  Each problem is reported at its file and line, and every
 * problem of a file is listed.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"

#include "manifest.h"
#include "theme.h"

static const char dark[] =
    "# a comment\n"
    "background   = #1B1F24\n"
    "ink          = #F2F2F2\n"
    "muted        = #B8BEC6\n"
    "grid         = #343A42\n"
    "axis         = #C8CDD3\n"
    "highlight    = #e69f00\r\n"
    "bar          = #7C8591\n"
    "rest         = #4A525C\n"
    "second       = #56B4E9\n"
    "on-highlight = #1B1F24\n"
    "\n"
    "on-rest      = #F2F2F2\n";

static void
test_theme_valid(void **state)
{
	struct diags d;
	struct theme *t;

	(void)state;
	diags_init(&d);
	t = theme_parse("dark", "dark.theme", dark, strlen(dark), &d);
	assert_non_null(t);
	assert_int_equal(d.n, 0);
	assert_int_equal(t->c[THEME_BACKGROUND], 0x1B1F24);
	assert_int_equal(t->c[THEME_HIGHLIGHT], 0xE69F00); /* any case, CRLF */
	assert_int_equal(t->c[THEME_ON_REST], 0xF2F2F2);
	assert_string_equal(t->name, "dark");
	assert_string_equal(t->path, "dark.theme");
	theme_free(t);
	diags_free(&d);
	/* the bundled default file is the built-in default */
	t = theme_load("templates/themes/default.theme", &d, &(int){ 0 });
	assert_non_null(t);
	assert_memory_equal(t->c, theme_default()->c, sizeof(t->c));
	theme_free(t);
	diags_free(&d);
}

/* Replace from by to in the dark theme; want each of wants, in order. */
static void
theme_refused(const char *from, const char *to, const char *const *wants)
{
	char *text = harness_replace(dark, from, to);
	struct diags d;
	size_t i;

	diags_init(&d);
	assert_null(theme_parse("t", "t.theme", text, strlen(text), &d));
	for (i = 0; wants[i] != NULL; i++) {
		if (i >= d.n || strstr(d.msgs[i], wants[i]) == NULL)
			fail_msg("message %zu: want \"%s\", got \"%s\"", i,
			    wants[i], i < d.n ? d.msgs[i] : "(none)");
	}
	assert_int_equal(d.n, i);
	diags_free(&d);
	free(text);
}

static void
test_theme_refused(void **state)
{
	(void)state;
	theme_refused("#1B1F24\nink", "1B1F24\nink", (const char *const[]){
	    "t.theme:2: background: expected a colour #RRGGBB, got "
	    "\"1B1F24\"", NULL });
	theme_refused("grid ", "gird ", (const char *const[]){
	    "t.theme:5: unknown key \"gird\"; expected background", NULL });
	theme_refused("bar          = #7C8591", "bar #7C8591",
	    (const char *const[]){ "t.theme:8: expected \"key = #RRGGBB\", "
	    "got \"bar #7C8591\"", NULL });
	theme_refused("rest ", "bar ", (const char *const[]){
	    "t.theme:9: \"bar\" given twice", NULL });
	/* every bad line is listed, not only the first */
	theme_refused("# a comment", "ink = #000", (const char *const[]){
	    "t.theme:1: ink: expected a colour #RRGGBB, got \"#000\"",
	    "t.theme:3: \"ink\" given twice", NULL });
	theme_refused("on-rest      = #F2F2F2\n", "", (const char *const[]){
	    "t.theme: missing key \"on-rest\"", NULL });
}

static void
test_manifest_valid(void **state)
{
	static const char text[] =
	    "# jobs\n"
	    "report template=templates/briefing.xml out=out/en formats=pdf\n"
	    "\n"
	    "  charts out=out/slides lang=zh formats=svg,png theme=dark\r\n"
	    "charts\tdata=d.json chart=reserves name=r-2031\n";
	struct job *jobs;
	struct diags d;
	size_t n;

	(void)state;
	diags_init(&d);
	assert_int_equal(manifest_parse("m", text, strlen(text), &jobs, &n,
	    &d), EXIT_OK);
	assert_int_equal(n, 3);
	assert_int_equal(jobs[0].line, 2);
	assert_int_equal(jobs[0].kind, JOB_REPORT);
	assert_string_equal(jobs[0].tmpl, "templates/briefing.xml");
	assert_string_equal(jobs[0].out, "out/en");
	assert_null(jobs[0].data);
	assert_int_equal(jobs[1].line, 4);
	assert_int_equal(jobs[1].kind, JOB_CHARTS);
	assert_string_equal(jobs[1].lang, "zh");
	assert_string_equal(jobs[1].theme, "dark");	/* no \r */
	assert_string_equal(jobs[2].chart, "reserves");
	assert_string_equal(jobs[2].name, "r-2031");
	assert_string_equal(jobs[2].data, "d.json");
	manifest_free(jobs, n);
	diags_free(&d);
}

static void
manifest_refused(const char *text, const char *const *wants)
{
	struct job *jobs = NULL;
	struct diags d;
	size_t n = 9, i;

	diags_init(&d);
	assert_int_equal(manifest_parse("m", text, strlen(text), &jobs, &n,
	    &d), EXIT_DATAERR);
	assert_null(jobs);
	assert_int_equal(n, 0);
	for (i = 0; wants[i] != NULL; i++)
		if (i >= d.n || strstr(d.msgs[i], wants[i]) == NULL)
			fail_msg("message %zu: want \"%s\", got \"%s\"", i,
			    wants[i], i < d.n ? d.msgs[i] : "(none)");
	assert_int_equal(d.n, i);
	diags_free(&d);
}

static void
test_manifest_refused(void **state)
{
	(void)state;
	manifest_refused("# nothing\n\n", (const char *const[]){
	    "m: no jobs; expected lines such as", NULL });
	manifest_refused("draw out=x\n", (const char *const[]){
	    "m:1: unknown job \"draw\"; expected report or charts", NULL });
	/* every bad line, each at its line; parsed fields are freed */
	manifest_refused("report out=x\ncharts out=y colour=red\n"
	    "charts out\ncharts =x\nreport template=t.xml template=u.xml\n",
	    (const char *const[]){
	    "m:1: a report job needs template=FILE",
	    "m:2: unknown key \"colour\" for a charts job",
	    "m:3: \"out\": expected key=value",
	    "m:4: \"=x\": expected key=value",
	    "m:5: \"template\" given twice", NULL });
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_theme_valid),
		cmocka_unit_test(test_theme_refused),
		cmocka_unit_test(test_manifest_valid),
		cmocka_unit_test(test_manifest_refused),
	};

	return cmocka_run_group_tests_name("inputs", tests, NULL, NULL);
}
