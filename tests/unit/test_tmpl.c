/*
 * Unit tests of the template stage and the layout: bindings formatted
 * from the dataset, one test per kind of template error (each naming
 * file:line), safe parsing, and pages that keep inside their margins.
 */
#include <math.h>
#include <string.h>

#include "harness.h"
#include "data.h"
#include "layout.h"
#include "tmpl.h"

static struct model *m;
static struct text_ctx *tc;
static struct chart_specs presets;

static int
setup(void **state)
{
	struct diags d;
	int code;

	(void)state;
	diags_init(&d);
	m = data_load("tests/data/mini.json", &d, &code);
	tc = text_ctx_new();
	tmpl_init();
	code = m ? tmpl_load_specs("templates/charts.xml", m, &presets, &d) : 1;
	diags_print(&d, stderr);
	diags_free(&d);
	return m == NULL || code != 0 ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	model_free(m);
	text_ctx_free(tc);
	chart_specs_free(&presets);
	tmpl_cleanup();
	return 0;
}

#define HEAD "<report lang=\"en\">\n<meta><title>T</title></meta>\n"

static struct doc *
parse(const char *xml, struct diags *d)
{
	return tmpl_parse("t.xml", xml, strlen(xml), m, &presets, tc, d);
}

/* The template must be refused with want in a message at line. */
static void
expect_error(const char *xml, int line, const char *want)
{
	struct diags d;
	struct doc *doc;
	char *where = xasprintf("t.xml:%d:", line);
	size_t i;

	diags_init(&d);
	doc = parse(xml, &d);
	if (doc != NULL)
		fail_msg("accepted a template that should fail with \"%s\"",
		    want);
	for (i = 0; i < d.n; i++)
		if (strstr(d.msgs[i], want) != NULL &&
		    strncmp(d.msgs[i], where, strlen(where)) == 0)
			break;
	if (i == d.n) {
		for (i = 0; i < d.n; i++)
			print_message("got: %s\n", d.msgs[i]);
		fail_msg("no message \"%s\" at %s", want, where);
	}
	free(where);
	diags_free(&d);
}

/* The text of the first block of kind k (a paragraph's text, a chart's
 * title) of a template that must parse.  Caller frees. */
static char *
first_block(const char *xml, enum block_kind k)
{
	struct diags d;
	struct doc *doc;
	char *s = NULL;
	size_t i;

	diags_init(&d);
	doc = parse(xml, &d);
	if (doc == NULL) {
		diags_print(&d, stderr);
		fail_msg("template refused");
	}
	for (i = 0; i < doc->nblocks && s == NULL; i++)
		if (doc->blocks[i].kind == k)
			s = xstrdup(k == BLOCK_CHART ? doc->blocks[i].chart->title :
			    doc->blocks[i].rich.text);
	doc_free(doc);
	diags_free(&d);
	return s;
}

static char *
first_para(const char *xml)
{
	return first_block(xml, BLOCK_PARA);
}

/* The first paragraph of a report in lang ("en", "zh") holding
 * inline_xml must read want. */
static void
check_para_in(const char *lang, const char *inline_xml, const char *want)
{
	char *xml = xasprintf("<report lang=\"%s\"><meta><title>T</title>"
	    "</meta>\n<section id=\"s\" title=\"S\"><p>%s</p></section>"
	    "</report>", lang, inline_xml);
	char *got = first_para(xml);

	if (strcmp(got, want) != 0)
		fail_msg("<p>%s</p> gave \"%s\", want \"%s\"", inline_xml, got,
		    want);
	free(got);
	free(xml);
}

static void
check_para(const char *inline_xml, const char *want)
{
	check_para_in("en", inline_xml, want);
}

/* The same in a Chinese report. */
static void
check_para_zh(const char *inline_xml, const char *want)
{
	check_para_in("zh", inline_xml, want);
}

/* A paragraph holding only inline_xml must be refused with want at
 * line 4. */
static void
value_error(const char *inline_xml, const char *want)
{
	char *xml = xasprintf(HEAD "<section id=\"s\" title=\"S\">\n<p>%s"
	    "</p>\n</section></report>", inline_xml);

	expect_error(xml, 4, want);
	free(xml);
}

static void
test_values(void **state)
{
	(void)state;
	check_para("<value of=\"obs\" series=\"reserves\" entity=\"CN\" "
	    "year=\"2024\"/>", "44.0 Mt");
	check_para("<value of=\"obs\" series=\"mine-production\" entity=\"CN\" "
	    "year=\"2024\"/>", "270,000 t");
	/* more-than total: shares of max(90 Mt, listed sum 71.9 Mt) */
	check_para("<value of=\"share\" series=\"reserves\" entity=\"CN\" "
	    "year=\"2024\"/>", "48.9%");
	/* rounded total: shares of the stated total */
	check_para("<value of=\"share\" series=\"mine-production\" "
	    "entity=\"CN\" year=\"2024\"/>", "69.2%");
	check_para("<value of=\"total\" series=\"reserves\" year=\"2024\"/>",
	    "more than 90 Mt");
	check_para("<value of=\"total\" series=\"mine-production\" "
	    "year=\"2024\"/>", "390,000 t");
	check_para("<value of=\"sum\" series=\"mine-production\" "
	    "year=\"2024\"/>", "302,100 t");
	check_para("<value of=\"change\" series=\"mine-production\" "
	    "entity=\"CN\" from=\"2023\" to=\"2024\"/>", "+5.9%");
	check_para("<value of=\"change\" series=\"mine-production\" "
	    "entity=\"MM\" from=\"2023\" to=\"2024\"/>", "-27.9%");
	check_para("<value of=\"change\" series=\"mine-production\" "
	    "from=\"2023\" to=\"2024\"/>", "+3.7%");
	check_para("<value of=\"stage\" id=\"cn-mining\"/>", "69.2%");
	check_para("<value of=\"count\" what=\"elements-controlled\"/>", "1");
	check_para("<value of=\"name\" entity=\"BR\"/>", "Brazil");
	check_para("<value of=\"as_of\"/>", "31 January 2025");
	check_para("<value of=\"obs\" series=\"reserves\" entity=\"CN\" "
	    "year=\"2024\" scale=\"t\"/>", "44,000,000 t");
}

static void
test_inline_text(void **state)
{
	(void)state;
	/* white space collapses; a citation is numbered and kept with the
	 * word before it by a no-break space */
	check_para("  China\n   holds <b>most</b>\treserves <cite "
	    "source=\"usgs\"/>.  ", "China holds most reserves\xc2\xa0[1].");
	check_para("R&amp;D &lt;b&gt; &#x4E2D;", "R&D <b> \xe4\xb8\xad");
}

/* A paragraph near the 32 KiB limit comes out whole, its blanks
 * collapsed. */
static void
test_long_paragraph(void **state)
{
	struct buf in, want;
	char *inl, *exp;
	int i;

	(void)state;
	buf_init(&in);
	buf_init(&want);
	for (i = 0; i < 4000; i++) {
		buf_printf(&in, i % 7 ? "w%d \n\t" : "<b>w%d</b>  ", i);
		buf_printf(&want, i ? " w%d" : "w%d", i);
	}
	inl = buf_release(&in);
	exp = buf_release(&want);
	check_para(inl, exp);
	free(inl);
	free(exp);
}

/* rich_add: the text and its length grow together; a style that goes
 * on extends its span, another starts a new one. */
static void
test_rich_add(void **state)
{
	struct rich r;
	int i;

	(void)state;
	memset(&r, 0, sizeof(r));
	for (i = 0; i < 1000; i++)
		rich_add(&r, "ab", 2, i < 500 ? SPAN_BOLD : SPAN_ITALIC,
		    NULL);
	rich_add(&r, "!", 1, 0, NULL);
	assert_int_equal(r.len, 2001);
	assert_int_equal(strlen(r.text), 2001);
	assert_true(r.cap > r.len);
	assert_int_equal(r.nspans, 2);
	assert_int_equal(r.spans[0].end, 1000);
	assert_int_equal(r.spans[1].start, 1000);
	assert_int_equal(r.spans[1].end, 2000);
	rich_set(&r, "x");
	assert_int_equal(r.len, 1);
	assert_string_equal(r.text, "x");
	assert_int_equal(r.nspans, 0);
	rich_free(&r);
}

static void
test_chinese_line_breaks(void **state)
{
	char *xml = xasprintf("<report lang=\"zh\"><meta><title>T</title>"
	    "</meta><section id=\"s\" title=\"S\"><p>中国\n稀土 USGS\n"
	    "数据</p></section></report>");
	char *got = first_para(xml);

	(void)state;
	/* a line break between two Chinese characters is no space */
	assert_string_equal(got, "中国稀土 USGS 数据");
	free(got);
	free(xml);
}

static void
test_xml_syntax_error(void **state)
{
	(void)state;
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<p>x</q>\n"
	    "</section></report>", 4, "XML syntax");
	/* the column is named too */
	expect_error("<report lang=\"en\">\n  <meta <title>", 2,
	    "t.xml:2:");
}

static void
test_unknown_element(void **state)
{
	(void)state;
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<barchart/>\n"
	    "</section></report>", 4, "unknown element <barchart> in "
	    "<section>; expected p, h2, chart");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<p><u>x</u></p>\n"
	    "</section></report>", 4, "unknown element <u> in running text");
}

static void
test_unknown_attribute(void **state)
{
	(void)state;
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n"
	    "<chart type=\"reserves\" colour=\"red\"/>\n</section></report>",
	    4, "unknown attribute \"colour\" on <chart>");
}

static void
test_missing_attribute(void **state)
{
	(void)state;
	expect_error(HEAD "<section title=\"S\">\n<p>x</p>\n</section>"
	    "</report>", 3, "<section> needs the attribute \"id\"");
}

static void
test_binding_to_missing_data(void **state)
{
	(void)state;
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<p><value of=\"obs\" "
	    "series=\"exports\" entity=\"CN\" year=\"2024\"/></p>\n</section>"
	    "</report>", 4, "series=\"exports\">: the dataset has no such "
	    "series");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<p><value of=\"obs\" "
	    "series=\"reserves\" entity=\"XX\" year=\"2024\"/></p>\n"
	    "</section></report>", 4, "entity=\"XX\">: the dataset has no "
	    "such entity");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<p><value of=\"obs\" "
	    "series=\"reserves\" entity=\"CN\" year=\"2019\"/></p>\n"
	    "</section></report>", 4, "has no value for \"CN\" in 2019");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<p><value of=\"obs\" "
	    "series=\"reserves\" entity=\"MM\" year=\"2024\"/></p>\n"
	    "</section></report>", 4, "is n/a in the dataset");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<chart "
	    "type=\"reserves\" highlight=\"XX\"/>\n</section></report>", 4,
	    "<chart highlight=\"XX\">: the dataset has no such entity");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<p><cite "
	    "source=\"wikipedia\"/></p>\n</section></report>", 4,
	    "<cite source=\"wikipedia\">: the dataset has no such source");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<p><value "
	    "of=\"median\"/></p>\n</section></report>", 4,
	    "<value of=\"median\">: expected obs, share");
}

static void
test_value_claim(void **state)
{
	(void)state;
	check_para("<value of=\"claim\" id=\"c1\" field=\"press\"/>",
	    "44.0 Mt");
	check_para("<value of=\"claim\" id=\"c1\" field=\"press\" "
	    "scale=\"Mt\" decimals=\"0\"/>", "44 Mt");
	check_para("<value of=\"claim\" id=\"c3\" field=\"press\" "
	    "unit=\"words\"/>", "28.5 million tonnes");
	check_para_zh("<value of=\"claim\" id=\"c1\" field=\"press\"/>",
	    "4,400万吨");
	/* percentages: whole numbers without decimals unless asked */
	check_para("<value of=\"claim\" id=\"c2\" field=\"press\"/>", "70%");
	check_para("<value of=\"claim\" id=\"c2\" field=\"press\" "
	    "decimals=\"1\"/>", "70.0%");
	/* the primary figure: an observation or a stage share */
	check_para("<value of=\"claim\" id=\"c1\" field=\"primary\" "
	    "scale=\"t\"/>", "44,000,000 t");
	check_para("<value of=\"claim\" id=\"c2\" field=\"primary\"/>",
	    "69.2%");
	/* the verdict words of the claims table */
	check_para("<value of=\"claim\" id=\"c1\" field=\"verdict\"/>",
	    "agrees");
	check_para("<value of=\"claim\" id=\"c2\" field=\"verdict\"/>",
	    "different basis");
	check_para_zh("<value of=\"claim\" id=\"c2\" field=\"verdict\"/>",
	    "口径不同");
	check_para_zh("<value of=\"claim\" id=\"c3\" field=\"verdict\"/>",
	    "未核实");
	check_para("<value of=\"claim\" id=\"c2\" field=\"subject\"/>",
	    "China's mining share");
	check_para_zh("<value of=\"claim\" id=\"c2\" field=\"subject\"/>",
	    "中国开采份额");
	/* the quote as printed, in any report */
	check_para("<value of=\"claim\" id=\"c1\" field=\"quote\"/>",
	    "4400万吨");
	check_para("<value of=\"claim\" id=\"c2\" field=\"year\"/>", "2024");

	value_error("<value of=\"claim\" field=\"press\"/>",
	    "<value> needs the attribute \"id\"");
	value_error("<value of=\"claim\" id=\"c9\" field=\"press\"/>",
	    "<value of=\"claim\" id=\"c9\">: the dataset has no such claim");
	value_error("<value of=\"claim\" id=\"c1\"/>",
	    "<value of=\"claim\"> needs the attribute \"field\"; expected "
	    "press, primary, verdict, subject, quote or year");
	value_error("<value of=\"claim\" id=\"c1\" field=\"value\"/>",
	    "<value of=\"claim\" field=\"value\">: expected press, primary, "
	    "verdict, subject, quote or year");
	value_error("<value of=\"claim\" id=\"c3\" field=\"primary\"/>",
	    "<value of=\"claim\" id=\"c3\" field=\"primary\">: the claim "
	    "has no primary figure");
	value_error("<value of=\"claim\" id=\"c1\" field=\"year\"/>",
	    "<value of=\"claim\" id=\"c1\" field=\"year\">: the claim "
	    "states no year");
	value_error("<value of=\"claim\" id=\"c2\" field=\"press\" "
	    "scale=\"Mt\"/>", "<value>: claim \"c2\" is in pct; scale and "
	    "unit apply only to quantities");
	value_error("<value of=\"claim\" id=\"c1\" field=\"verdict\" "
	    "decimals=\"1\"/>", "<value of=\"claim\" field=\"verdict\">: "
	    "scale, decimals and unit apply only to the fields press and "
	    "primary");
	value_error("<value of=\"claim\" id=\"c1\" field=\"press\" "
	    "series=\"reserves\"/>", "unknown attribute \"series\" on "
	    "<value>; expected one of of, id, field, scale, decimals, unit");
}

static void
test_value_figure(void **state)
{
	(void)state;
	check_para("<value of=\"figure\" id=\"cn-part\"/>", "3.3 Mt");
	check_para_zh("<value of=\"figure\" id=\"cn-part\"/>", "330万吨");
	check_para("<value of=\"figure\" id=\"cn-part\" scale=\"kt\"/>",
	    "3,300 kt");
	check_para("<value of=\"figure\" id=\"reliance\"/>", "80%");
	check_para_zh("<value of=\"figure\" id=\"reliance\"/>", "80%");
	check_para("<value of=\"figure\" id=\"ore\"/>", "694 Mt");
	check_para("<value of=\"figure\" id=\"ore\" unit=\"words\"/>",
	    "694 million tonnes");
	check_para("<value of=\"figure\" id=\"ore\" scale=\"t\" "
	    "unit=\"words\"/>", "694,000,000 tonnes");
	/* the number alone, the template writing its unit */
	check_para("<value of=\"figure\" id=\"ore\" unit=\"none\"/> Mt",
	    "694 Mt");
	check_para_zh("<value of=\"figure\" id=\"ore\" scale=\"Gt\" "
	    "decimals=\"2\" unit=\"none\"/>", "6.94");
	/* Gt: 亿吨, a hundred million tonnes, in Chinese */
	check_para_zh("<value of=\"figure\" id=\"ore\" scale=\"Gt\" "
	    "decimals=\"2\"/>", "6.94亿吨");
	check_para("<value of=\"figure\" id=\"ore\" scale=\"Gt\"/>",
	    "0.69 Gt");
	check_para_zh("<value of=\"figure\" id=\"ore\" unit=\"words\"/>",
	    "69,400万吨");

	value_error("<value of=\"figure\"/>",
	    "<value> needs the attribute \"id\"");
	value_error("<value of=\"figure\" id=\"au-jorc\"/>",
	    "<value of=\"figure\" id=\"au-jorc\">: the dataset has no such "
	    "figure");
	value_error("<value of=\"figure\" id=\"reliance\" scale=\"Mt\"/>",
	    "<value>: figure \"reliance\" is in pct; scale and unit apply "
	    "only to quantities");
	value_error("<value of=\"figure\" id=\"ore\" unit=\"long\"/>",
	    "<value unit=\"long\">: expected symbol, words or none");
	value_error("<value of=\"figure\" id=\"ore\" field=\"value\"/>",
	    "unknown attribute \"field\" on <value>; expected one of of, id, "
	    "scale, decimals, unit");
}

static void
test_value_control(void **state)
{
	(void)state;
	check_para("<value of=\"control\" id=\"ann-57\" field=\"date\"/>",
	    "9 October 2025");
	check_para_zh("<value of=\"control\" id=\"ann-57\" field=\"date\"/>",
	    "2025年10月9日");
	check_para("<value of=\"control\" id=\"ann-57\" "
	    "field=\"effective\"/>", "8 November 2025");
	check_para("<value of=\"control\" id=\"ann-57\" field=\"until\"/>",
	    "10 November 2026");
	check_para_zh("<value of=\"control\" id=\"ann-57\" "
	    "field=\"until\"/>", "2026年11月10日");
	/* the status words of the timeline, on the dataset's as_of */
	check_para("<value of=\"control\" id=\"ann-57\" "
	    "field=\"status\"/>", "suspended until 10 November 2026");
	check_para_zh("<value of=\"control\" id=\"ann-57\" "
	    "field=\"status\"/>", "暂停至2026年11月10日");
	/* once its end has passed, that it lapsed: never as current */
	{
		char *as_of = m->as_of;

		m->as_of = "2026-12-04";
		check_para("<value of=\"control\" id=\"ann-57\" "
		    "field=\"status\"/>", "was suspended until 10 November "
		    "2026; what followed is not in this dataset");
		check_para_zh("<value of=\"control\" id=\"ann-57\" "
		    "field=\"status\"/>", "暂停期至2026年11月10日已届满；"
		    "此后状态未收录");
		m->as_of = as_of;
	}
	check_para("<value of=\"control\" id=\"ann-18\" "
	    "field=\"status\"/>", "in force");
	check_para_zh("<value of=\"control\" id=\"ann-18\" "
	    "field=\"status\"/>", "有效");
	check_para("<value of=\"control\" id=\"ann-57\" "
	    "field=\"reference\"/>", "No. 57");
	check_para("<value of=\"control\" id=\"ann-57\" field=\"title\"/>",
	    "More controls");
	check_para_zh("<value of=\"control\" id=\"ann-57\" "
	    "field=\"title\"/>", "更多管制");

	value_error("<value of=\"control\" field=\"date\"/>",
	    "<value> needs the attribute \"id\"");
	value_error("<value of=\"control\" id=\"ann-99\" field=\"date\"/>",
	    "<value of=\"control\" id=\"ann-99\">: the dataset has no such "
	    "export_controls id");
	value_error("<value of=\"control\" id=\"ann-18\"/>",
	    "<value of=\"control\"> needs the attribute \"field\"; expected "
	    "date, effective, until, status, reference or title");
	value_error("<value of=\"control\" id=\"ann-18\" field=\"end\"/>",
	    "<value of=\"control\" field=\"end\">: expected date, effective, "
	    "until, status, reference or title");
	value_error("<value of=\"control\" id=\"ann-18\" field=\"until\"/>",
	    "<value of=\"control\" id=\"ann-18\" field=\"until\">: the "
	    "control has no until date");
	value_error("<value of=\"control\" id=\"ann-18\" field=\"date\" "
	    "scale=\"t\"/>", "unknown attribute \"scale\" on <value>; "
	    "expected one of of, id, field");
}

/* Each kind of <value> takes only its own attributes; an unknown kind
 * is answered with the list of kinds. */
static void
test_value_attributes(void **state)
{
	(void)state;
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<p><value "
	    "of=\"name\" entity=\"CN\" year=\"2024\"/></p>\n</section>"
	    "</report>", 4, "unknown attribute \"year\" on <value>; expected "
	    "one of of, entity");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<p><value "
	    "of=\"share\" series=\"reserves\" entity=\"CN\" year=\"2024\" "
	    "scale=\"Mt\"/></p>\n</section></report>", 4,
	    "unknown attribute \"scale\" on <value>");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<p><value "
	    "of=\"obs\" series=\"reserves\" entity=\"CN\" year=\"2024\" "
	    "scale=\"Gg\"/></p>\n</section></report>", 4,
	    "<value scale=\"Gg\">: the unit \"t_reo\" has no such scale; "
	    "expected auto, t, Mt, kt, Gt");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<p><value "
	    "series=\"reserves\"/></p>\n</section></report>", 4,
	    "<value> needs the attribute \"of\"");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<p><value "
	    "of=\"median\"/></p>\n</section></report>", 4,
	    "<value of=\"median\">: expected obs, share, total, sum, change, "
	    "stage, count, name, as_of, claim, figure or control");
}

static void
test_chart_with_nothing_to_draw(void **state)
{
	(void)state;
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n"
	    "<chart type=\"reserves\" year=\"2019\"/>\n</section></report>", 4,
	    "nothing to draw");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n"
	    "<table type=\"production\" year=\"2019\"/>\n</section></report>",
	    4, "nothing to show");
}

static void
test_doctype_and_entities_refused(void **state)
{
	(void)state;
	/* an external entity would read a local file: never allowed */
	expect_error("<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n<!ENTITY x "
	    "SYSTEM \"file:///etc/passwd\">\n]>\n<report lang=\"en\"><meta>"
	    "<title>&x;</title></meta></report>", 2,
	    "<!DOCTYPE> is not allowed");
	/* the billion-laughs bomb needs a DTD too */
	expect_error("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
	    "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n"
	    "<report lang=\"en\"><meta><title>&lol2;</title></meta>"
	    "</report>", 1, "<!DOCTYPE> is not allowed");
	/* an undeclared entity is a syntax error */
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<p>&secret;</p>\n"
	    "</section></report>", 4, "XML syntax");
	expect_error(HEAD "<?php echo 1; ?>\n<section id=\"s\" title=\"S\">"
	    "<p>x</p></section></report>", 3, "processing instruction");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n<xi:include "
	    "xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\""
	    "/>\n</section></report>", 4, "unknown element <include>");
}

static void
test_structure_errors(void **state)
{
	(void)state;
	expect_error("<report lang=\"en\">\n<section id=\"s\" title=\"S\"/>\n"
	    "</report>", 2, "before <meta>");
	expect_error(HEAD "</report>", 1, "has no <section>");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\nloose text\n"
	    "</section></report>", 4, "text outside a paragraph");
	expect_error(HEAD "<section id=\"s\" title=\"S\"><p>x</p></section>\n"
	    "<section id=\"s\" title=\"T\"><p>y</p></section></report>", 4,
	    "a section with this id comes earlier");
	expect_error("<report lang=\"fr\">\n<meta><title>T</title></meta>"
	    "<section id=\"s\" title=\"S\"><p>x</p></section></report>", 1,
	    "expected en or zh");
}

/* Every item of every page inside the page; body inside the margins. */
static void
check_pages(const struct doc *doc, const struct layout *lay)
{
	size_t i, j;

	for (i = 0; i < lay->npages; i++) {
		const struct scene *pg = lay->pages[i];

		for (j = 0; j < pg->n; j++) {
			const struct scene_item *it = &pg->items[j];
			double x1 = it->kind == SCENE_LINE ? it->x2 :
			    it->x + it->w;
			double y1 = it->kind == SCENE_LINE ? it->y2 :
			    it->y + it->h;

			if (it->role == ROLE_BACKGROUND)
				continue;
			if (it->x < doc->margin - 0.5 ||
			    x1 > doc->page_w - doc->margin + 0.5)
				fail_msg("page %zu: %s \"%s\" leaves the text "
				    "column (%.1f-%.1f)", i + 1,
				    scene_role_name(it->role),
				    it->text ? it->text : "", it->x, x1);
			if (it->role == ROLE_PAGE_HEADER ||
			    it->role == ROLE_PAGE_FOOTER)
				continue;
			if (it->y < doc->margin - 0.5 ||
			    y1 > doc->page_h - doc->margin + 0.5)
				fail_msg("page %zu: %s \"%.30s\" leaves the "
				    "body (y %.1f-%.1f)", i + 1,
				    scene_role_name(it->role),
				    it->text ? it->text : "", it->y, y1);
		}
	}
}

static void
test_layout_flows_and_fits(void **state)
{
	struct buf xml;
	struct diags d;
	struct doc *doc;
	struct layout lay;
	size_t i, j, heads = 0;
	int k;

	(void)state;
	buf_init(&xml);
	buf_adds(&xml, HEAD "<footer>F</footer><title-block><key-figures>"
	    "<figure label=\"a\">1</figure><figure label=\"b\">2</figure>"
	    "</key-figures></title-block>");
	for (k = 0; k < 6; k++) {
		buf_printf(&xml, "<section id=\"s%d\" title=\"Section %d\">",
		    k, k);
		buf_adds(&xml, "<p>");
		for (j = 0; j < 120; j++)
			buf_adds(&xml, "Rare earths are mined, separated and "
			    "made into magnets. ");
		buf_adds(&xml, "</p><chart type=\"reserves\" height=\"260\"/>"
		    "<table type=\"production\"/><timeline/></section>");
	}
	buf_adds(&xml, "<section id=\"src\" title=\"Sources\"><sources/>"
	    "</section></report>");
	diags_init(&d);
	doc = parse(xml.data, &d);
	if (doc == NULL)
		diags_print(&d, stderr);
	assert_non_null(doc);
	assert_int_equal(layout_doc(doc, tc, "t.xml", &lay, &d), 0);
	assert_true(lay.npages >= 6);
	check_pages(doc, &lay);
	/* one bookmark per section, each on a real page, in order */
	assert_int_equal(lay.noutline, 7);
	for (i = 0; i < lay.noutline; i++) {
		assert_true(lay.outline[i].page >= 1 &&
		    (size_t)lay.outline[i].page <= lay.npages);
		if (i > 0)
			assert_true(lay.outline[i].page >=
			    lay.outline[i - 1].page);
	}
	/* a heading is never the last thing on its page */
	for (i = 0; i < lay.npages; i++) {
		const struct scene *pg = lay.pages[i];
		double hy = -1, last = -1;

		for (j = 0; j < pg->n; j++) {
			if (pg->items[j].role == ROLE_HEADING)
				hy = pg->items[j].y, heads++;
			else if (pg->items[j].role != ROLE_PAGE_FOOTER &&
			    pg->items[j].role != ROLE_PAGE_HEADER &&
			    pg->items[j].role != ROLE_BACKGROUND &&
			    pg->items[j].y > last)
				last = pg->items[j].y;
		}
		if (hy >= 0)
			assert_true(last > hy);
	}
	assert_int_equal(heads, 7);
	layout_free(&lay);
	doc_free(doc);
	diags_free(&d);
	buf_free(&xml);
}

static void
test_paragraph_split_keeps_text(void **state)
{
	struct buf xml, got;
	struct diags d;
	struct doc *doc;
	struct layout lay;
	size_t i, j, pieces = 0;

	(void)state;
	buf_init(&xml);
	buf_adds(&xml, HEAD "<section id=\"s\" title=\"S\"><p>");
	for (i = 0; i < 1500; i++)
		buf_printf(&xml, "w%zu ", i);
	buf_adds(&xml, "</p></section></report>");
	diags_init(&d);
	doc = parse(xml.data, &d);
	assert_non_null(doc);
	assert_int_equal(layout_doc(doc, tc, "t.xml", &lay, &d), 0);
	buf_init(&got);
	for (i = 0; i < lay.npages; i++)
		for (j = 0; j < lay.pages[i]->n; j++)
			if (lay.pages[i]->items[j].role == ROLE_PARAGRAPH) {
				buf_printf(&got, "%s%s", pieces++ ? " " : "",
				    lay.pages[i]->items[j].text);
			}
	/* split across pages, nothing lost or repeated */
	assert_true(pieces >= 2);
	assert_string_equal(got.data, doc->blocks[1].rich.text);
	buf_free(&got);
	layout_free(&lay);
	doc_free(doc);
	diags_free(&d);
	buf_free(&xml);
}

static char *
first_chart_title(const char *xml)
{
	return first_block(xml, BLOCK_CHART);
}

/* Chart specs: kinds, attributes and text with the chart's values. */
static void
test_chart_specs(void **state)
{
	static const char text[] = "<charts>\n"
	    "<chart id=\"a\" kind=\"grouped\" series=\"mine-production\" "
	    "top=\"3\" sort=\"name\" label=\"both\" rest=\"no\" "
	    "width=\"640\" height=\"300\">\n"
	    "  <title>Output {x}, <value of=\"from\"/>\n  and "
	    "<value of=\"year\"/></title>\n"
	    "  <title lang=\"zh\"><value of=\"year\"/>年</title>\n"
	    "  <note>N</note>\n"
	    "</chart>\n<chart id=\"b\" kind=\"stacked\"/>\n</charts>\n";
	struct chart_specs specs;
	struct diags d;
	const struct chart_spec *a;

	(void)state;
	diags_init(&d);
	assert_int_equal(tmpl_parse_specs("s.xml", text, strlen(text), m,
	    &specs, &d), 0);
	assert_int_equal(specs.n, 2);
	a = chart_specs_find(&specs, "a");
	assert_non_null(a);
	assert_int_equal(a->kind, CHART_GROUPED);
	assert_string_equal(a->series, "mine-production");
	assert_int_equal(a->top_n, 3);
	assert_int_equal(a->sort, CHART_SORT_NAME);
	assert_int_equal(a->label, CHART_LABEL_BOTH);
	assert_int_equal(a->rest, 0);
	assert_true(a->width == 640 && a->height == 300);
	/* white space collapsed, literal braces doubled, values named */
	assert_string_equal(a->text[LANG_EN][CHART_TITLE],
	    "Output {{x}, {from} and {year}");
	assert_string_equal(a->text[LANG_ZH][CHART_TITLE], "{year}年");
	assert_string_equal(a->text[LANG_EN][CHART_NOTE], "N");
	assert_null(a->text[LANG_EN][CHART_SUBTITLE]);
	assert_int_equal(chart_specs_find(&specs, "b")->kind, CHART_STACKED);
	assert_null(chart_specs_find(&specs, "c"));
	chart_specs_free(&specs);
	diags_free(&d);
}

/* A template's own chart: a kind, a title with the chart's and the
 * dataset's values; a preset checked against its series' measure. */
static void
test_template_charts(void **state)
{
	char *t;

	(void)state;
	t = first_chart_title(HEAD "<section id=\"s\" title=\"S\">\n"
	    "<chart kind=\"ranked\" series=\"reserves\" height=\"260\">"
	    "<title>China <value of=\"obs\" series=\"reserves\" "
	    "entity=\"CN\" year=\"2024\"/> of <value of=\"base\"/> in "
	    "<value of=\"year\"/></title></chart>\n</section></report>");
	assert_string_equal(t, "China 44.0 Mt of 90.0 Mt in 2024");
	free(t);
	t = first_chart_title(HEAD "<section id=\"s\" title=\"S\">\n"
	    "<chart type=\"reserves\" height=\"260\"/>\n</section></report>");
	assert_string_equal(t, "Reserves, 2024 (million tonnes REO)");
	free(t);
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n"
	    "<chart type=\"reserves\" series=\"mine-production\"/>\n"
	    "</section></report>", 4, "chart \"reserves\" shows the "
	    "measure \"reserves\", but series \"mine-production\"");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n"
	    "<chart type=\"pie\"/>\n</section></report>", 4,
	    "<chart type=\"pie\">: expected reserves, production, "
	    "value-chain, production-change or world-production");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n"
	    "<chart kind=\"ranked\">\n<title><value of=\"weather\"/>"
	    "</title></chart>\n</section></report>", 5,
	    "<value of=\"weather\">: expected obs, share");
	expect_error(HEAD "<section id=\"s\" title=\"S\">\n"
	    "<chart/>\n</section></report>", 4,
	    "<chart> needs the attribute \"type\" (a preset) or \"kind\"");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_inline_text),
		cmocka_unit_test(test_long_paragraph),
		cmocka_unit_test(test_rich_add),
		cmocka_unit_test(test_chinese_line_breaks),
		cmocka_unit_test(test_xml_syntax_error),
		cmocka_unit_test(test_unknown_element),
		cmocka_unit_test(test_unknown_attribute),
		cmocka_unit_test(test_missing_attribute),
		cmocka_unit_test(test_binding_to_missing_data),
		cmocka_unit_test(test_value_attributes),
		cmocka_unit_test(test_value_claim),
		cmocka_unit_test(test_value_figure),
		cmocka_unit_test(test_value_control),
		cmocka_unit_test(test_chart_with_nothing_to_draw),
		cmocka_unit_test(test_chart_specs),
		cmocka_unit_test(test_template_charts),
		cmocka_unit_test(test_doctype_and_entities_refused),
		cmocka_unit_test(test_structure_errors),
		cmocka_unit_test(test_layout_flows_and_fits),
		cmocka_unit_test(test_paragraph_split_keeps_text),
	};

	return cmocka_run_group_tests_name("tmpl", tests, setup, teardown);
}
