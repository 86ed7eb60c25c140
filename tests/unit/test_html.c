/*
 * Unit tests of the HTML writer (html.h): a document built by hand comes
 * out as the elements a reader and a screen reader expect, with its text
 * and links escaped, and citations linked to their sources.
 */
#include <string.h>

#include "harness.h"

#include "data.h"
#include "doc.h"
#include "html.h"

static struct model *m;

static int
setup(void **state)
{
	(void)state;
	m = harness_mini();
	return m == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	model_free(m);
	return 0;
}

static void
expect_in(const char *html, const char *want)
{
	if (strstr(html, want) == NULL)
		fail_msg("no \"%s\" in:\n%s", want, html);
}

static size_t
count(const char *s, const char *what)
{
	size_t n = 0;

	for (; (s = strstr(s, what)) != NULL; s++)
		n++;
	return n;
}

/* A briefing: title, a section with a paragraph of every kind of span,
 * key figures, a ranked table and the list of sources. */
static struct doc *
sample(enum lang lang)
{
	struct doc *d = doc_new(lang);
	struct block *b;
	const char *why;
	char *t;

	d->title = xstrdup("Ores & <metals>");
	d->author = xstrdup("A \"quoted\" author");
	rich_set(&d->footer, "Data as of 31 January 2025");
	b = doc_add_block(d, BLOCK_TITLE, 1);
	rich_set(&b->rich, "Ores & <metals>");
	b = doc_add_block(d, BLOCK_HEADING, 2);
	b->anchor = xstrdup("reserves");
	rich_set(&b->rich, "Reserves");
	b = doc_add_block(d, BLOCK_PARA, 3);
	rich_add(&b->rich, "China holds ", 12, 0, NULL);
	rich_add(&b->rich, "most", 4, SPAN_BOLD, NULL);
	rich_add(&b->rich, ", says ", 7, 0, NULL);
	rich_add(&b->rich, "a report", 8, SPAN_LINK,
	    "https://example.org/?a=1&b=\"2\"");
	rich_add(&b->rich, " ", 1, 0, NULL);
	t = xasprintf("[%zu]", doc_cite(d, model_source(m, "usgs")));
	rich_add(&b->rich, t, strlen(t), SPAN_XREF, "#src-1");
	free(t);
	b = doc_add_block(d, BLOCK_KEYFIGS, 4);
	b->figs = xcalloc(1, sizeof(*b->figs));
	b->nfigs = 1;
	rich_set(&b->figs[0].value, "48.9%");
	b->figs[0].label = xstrdup("China's share < half?");
	b = doc_add_block(d, BLOCK_HEADING, 5);
	rich_set(&b->rich, "Sources");
	b = doc_add_block(d, BLOCK_TABLE, 6);
	b->table = doc_table_ranked(d, model_series(m, "reserves"), 2024, 2,
	    &why);
	b = doc_add_block(d, BLOCK_TABLE, 7);
	b->is_sources = 1;
	doc_fill_sources(d);
	return d;
}

static char *
html_of(const struct doc *d)
{
	struct buf b;
	char *err = NULL;

	buf_init(&b);
	assert_int_equal(html_doc(d, "2025-01-31T00:00:00Z", NULL, &b, &err),
	    0);
	assert_null(err);
	return buf_release(&b);
}

static void
test_elements_and_escaping(void **state)
{
	struct doc *d = sample(LANG_EN);
	char *h = html_of(d);

	(void)state;
	expect_in(h, "<!DOCTYPE html>\n<html lang=\"en\">");
	expect_in(h, "<title>Ores &amp; &lt;metals&gt;</title>");
	expect_in(h, "<meta name=\"author\" content=\"A &quot;quoted&quot; "
	    "author\"/>");
	expect_in(h, "<meta name=\"dcterms.modified\" "
	    "content=\"2025-01-31T00:00:00Z\"/>");
	assert_int_equal(count(h, "<h1>"), 1);
	expect_in(h, "<h1>Ores &amp; &lt;metals&gt;</h1>");
	/* each heading opens a section, closed before the next */
	expect_in(h, "<section id=\"reserves\">\n<h2>Reserves</h2>");
	assert_int_equal(count(h, "<section"), 2);
	assert_int_equal(count(h, "</section>"), 2);
	expect_in(h, "</section>\n<section>\n<h2>Sources</h2>");
	/* spans: bold, a link with its query escaped, a citation */
	expect_in(h, "<p>China holds <strong>most</strong>, says <a "
	    "href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">a "
	    "report</a> <a class=\"cite\" href=\"#src-1\">[1]</a></p>");
	expect_in(h, "<ul class=\"keyfigs\">\n<li><span class=\"value\">"
	    "48.9%</span> China's share &lt; half?</li>");
	expect_in(h, "<footer>Data as of 31 January 2025</footer>");
	assert_int_equal(count(h, "<script"), 0);
	free(h);
	doc_free(d);
}

static void
test_tables(void **state)
{
	struct doc *d = sample(LANG_EN);
	char *h = html_of(d);

	(void)state;
	/* column headings; the country names a row; numbers aligned */
	expect_in(h, "<div class=\"scroll\">\n<table>\n<thead>\n<tr>"
	    "<th scope=\"col\" class=\"num\">#</th><th scope=\"col\">"
	    "Country</th>");
	expect_in(h, "<tr><td class=\"num\">1</td><th scope=\"row\">China"
	    "</th><td class=\"num\">44.0</td>");
	expect_in(h, "<tr class=\"total\">");
	/* the sources: row n is where "[n]" leads */
	expect_in(h, "<tr id=\"src-1\"><td class=\"num\">[1]</td><th "
	    "scope=\"row\">");
	free(h);
	doc_free(d);
}

static void
test_chinese(void **state)
{
	struct doc *d = sample(LANG_ZH);
	char *h = html_of(d);

	(void)state;
	expect_in(h, "<html lang=\"zh-Hans\">");
	free(h);
	doc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_elements_and_escaping),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_chinese),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
