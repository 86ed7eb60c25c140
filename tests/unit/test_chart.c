/*
 * Unit tests of chart geometry, asserted on scenes: bar lengths
 * proportional to values, everything inside the canvas, no overlapping
 * labels, top N with the rest of the world, long names and big data.
 */
#include <math.h>
#include <string.h>

#include "harness.h"
#include "chart.h"
#include "data.h"
#include "render.h"
#include "tmpl.h"
#include "words.h"

static struct model *bundled;
static struct text_ctx *tc;
static struct chart_specs presets;	/* templates/charts.xml */

static struct model *
load(const char *path)
{
	struct model *m;
	struct diags d;
	int code;

	diags_init(&d);
	m = data_load(path, &d, &code);
	if (m == NULL) {
		diags_print(&d, stderr);
		fail_msg("cannot load %s", path);
	}
	diags_free(&d);
	return m;
}

static int
setup(void **state)
{
	(void)state;
	struct diags d;

	bundled = load("data/rare_earths.json");
	tc = text_ctx_new();
	tmpl_init();
	diags_init(&d);
	if (tmpl_load_specs("templates/charts.xml", bundled, &presets, &d) != 0)
		diags_print(&d, stderr);
	diags_free(&d);
	assert_int_equal(presets.n, 5);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	model_free(bundled);
	text_ctx_free(tc);
	chart_specs_free(&presets);
	return 0;
}

/* A copy of a preset (templates/charts.xml) in lang: shallow, the preset
 * keeps its strings. */
static struct chart_spec
preset_in(const char *id, enum lang lang)
{
	const struct chart_spec *preset = chart_specs_find(&presets, id);
	struct chart_spec spec;

	assert_non_null(preset);
	spec = *preset;
	spec.lang = lang;
	return spec;
}

/* The chart of spec, which must build. */
static struct scene *
build_preset(const struct chart_spec *spec, const struct model *m)
{
	struct scene *s;
	struct diags d;

	diags_init(&d);
	s = chart_build(spec, m, tc, NULL, &d, NULL);
	if (s == NULL) {
		diags_print(&d, stderr);
		fail_msg("chart %s not built", spec->id);
	}
	diags_free(&d);
	return s;
}

/* The chart of a preset in lang. */
static struct scene *
build(const struct model *m, const char *id, enum lang lang, int top_n)
{
	struct chart_spec spec = preset_in(id, lang);

	if (top_n > 0)
		spec.top_n = top_n;
	return build_preset(&spec, m);
}

/* Every item inside the canvas; no two text runs overlap. */
static void
check_layout(const struct scene *s)
{
	const double eps = 0.01;
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		const struct scene_item *a = &s->items[i];
		double x0 = a->kind == SCENE_LINE ? fmin(a->x, a->x2) : a->x;
		double y0 = a->kind == SCENE_LINE ? fmin(a->y, a->y2) : a->y;
		double x1 = a->kind == SCENE_LINE ? fmax(a->x, a->x2) :
		    a->x + a->w;
		double y1 = a->kind == SCENE_LINE ? fmax(a->y, a->y2) :
		    a->y + a->h;

		if (x0 < -eps || y0 < -eps || x1 > s->w + eps ||
		    y1 > s->h + eps)
			fail_msg("%s: %s \"%s\" (%.1f,%.1f)-(%.1f,%.1f) leaves "
			    "the %gx%g canvas", s->id,
			    scene_role_name(a->role), a->text ? a->text : "",
			    x0, y0, x1, y1, s->w, s->h);
		if (a->kind != SCENE_TEXT)
			continue;
		for (j = i + 1; j < s->n; j++) {
			const struct scene_item *b = &s->items[j];

			if (b->kind == SCENE_TEXT &&
			    scene_items_overlap(a, b, 0.5))
				fail_msg("%s: \"%s\" overlaps \"%s\"", s->id,
				    a->text, b->text);
		}
	}
}

static size_t
bars(const struct scene *s, const struct scene_item **out, size_t cap)
{
	size_t i, n = 0;

	for (i = 0; i < s->n && n < cap; i++)
		if (s->items[i].kind == SCENE_RECT &&
		    s->items[i].role == ROLE_BAR)
			out[n++] = &s->items[i];
	return n;
}

static int
has_text(const struct scene *s, enum scene_role role, const char *text)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->items[i].kind == SCENE_TEXT &&
		    (role == ROLE__MAX || s->items[i].role == role) &&
		    strcmp(s->items[i].text, text) == 0)
			return 1;
	return 0;
}

/* Horizontal bars: lengths proportional to values, all from one x. */
static void
check_proportional(const struct scene *s, int horizontal)
{
	const struct scene_item *b[64];
	size_t n = bars(s, b, 64), i;
	double k = 0;

	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		double len = horizontal ? b[i]->w : b[i]->h;

		if (b[i]->value <= 0)
			continue;
		if (k == 0)
			k = len / b[i]->value;
		if (fabs(len - k * b[i]->value) > 1e-6 * len + 1e-9)
			fail_msg("%s: bar %s is %.3f long for %g; expected "
			    "%.3f", s->id, b[i]->key, len, b[i]->value,
			    k * b[i]->value);
	}
}

static void
test_all_charts_layout(void **state)
{
	size_t k;
	int lang;

	(void)state;
	for (lang = LANG_EN; lang <= LANG_ZH; lang++)
		for (k = 0; k < presets.n; k++) {
			struct scene *s = build(bundled, presets.v[k].id,
			    (enum lang)lang, 0);

			check_layout(s);
			assert_non_null(s->title);
			scene_free(s);
		}
}

static void
test_reserves(void **state)
{
	struct scene *s = build(bundled, "reserves", LANG_EN, 8);
	const struct scene_item *b[32] = { NULL };
	size_t n = bars(s, b, 32), i;
	double shown = 0, x0;

	(void)state;
	assert_int_equal(n, 9);
	x0 = b[0]->x;			/* top 8 + rest of world */
	assert_string_equal(b[0]->key, "CN");
	assert_true(b[0]->value == 44e6);
	assert_string_equal(b[n - 1]->key, "REST");
	for (i = 0; i < n; i++) {
		assert_true(b[i]->x == x0);	/* zero baseline */
		if (i + 1 < n - 1)
			assert_true(b[i]->value >= b[i + 1]->value);
		if (i < n - 1)
			shown += b[i]->value;
	}
	/* rest = sum of listed countries (above ">75 Mt") less those shown */
	assert_true(fabs(b[n - 1]->value - (75290000 - shown)) < 1);
	check_proportional(s, 1);
	assert_true(has_text(s, ROLE_VALUE_LABEL, "44.0 Mt"));
	assert_true(has_text(s, ROLE_VALUE_LABEL, "11.0 Mt"));
	assert_true(has_text(s, ROLE_CATEGORY_LABEL, "Rest of world"));
	assert_true(has_text(s, ROLE_TICK_LABEL, "0"));
	assert_true(has_text(s, ROLE_TICK_LABEL, "40"));
	/* the highlighted entity stands out */
	assert_true(b[0]->rgb != b[1]->rgb);
	scene_free(s);
}

static void
test_production_shares(void **state)
{
	struct scene *s = build(bundled, "production", LANG_EN, 0);

	(void)state;
	check_proportional(s, 1);
	assert_true(has_text(s, ROLE_VALUE_LABEL, "270,000 t (69.2%)"));
	assert_true(has_text(s, ROLE_VALUE_LABEL, "51,000 t (13.1%)"));
	assert_true(has_text(s, ROLE_TICK_LABEL, "100,000"));
	scene_free(s);
}

static void
test_value_chain_stacked(void **state)
{
	struct scene *s = build(bundled, "value-chain", LANG_EN, 0);
	const struct scene_item *b[16];
	size_t n = bars(s, b, 16), i;

	(void)state;
	assert_int_equal(n, 6);		/* 3 stages x (China, rest) */
	for (i = 0; i < n; i += 2) {
		/* each stack spans exactly 100 % */
		assert_true(fabs(b[i]->value + b[i + 1]->value - 100) < 1e-9);
		assert_true(fabs(b[i]->x + b[i]->w - b[i + 1]->x) < 1e-9);
		assert_true(fabs((b[i]->w + b[i + 1]->w) -
		    (b[0]->w + b[1]->w)) < 1e-6);
	}
	check_proportional(s, 1);
	assert_true(has_text(s, ROLE_VALUE_LABEL, "94%"));
	assert_true(has_text(s, ROLE_LEGEND_LABEL, "China"));
	scene_free(s);
}

static void
test_grouped_and_vertical(void **state)
{
	struct scene *s = build(bundled, "production-change", LANG_EN, 0);
	struct scene *w;

	(void)state;
	check_proportional(s, 1);
	assert_true(has_text(s, ROLE_LEGEND_LABEL, "2024"));
	assert_true(has_text(s, ROLE_LEGEND_LABEL, "2025"));
	assert_true(has_text(s, ROLE_VALUE_LABEL, "45,500 t"));
	scene_free(s);
	w = build(bundled, "world-production", LANG_EN, 0);
	check_proportional(w, 0);
	assert_true(has_text(w, ROLE_CATEGORY_LABEL, "2020"));	/* no "2,020" */
	assert_true(has_text(w, ROLE_VALUE_LABEL, "390,000 t"));
	scene_free(w);
}

static void
test_chinese_names(void **state)
{
	struct scene *s = build(bundled, "reserves", LANG_ZH, 0);

	(void)state;
	assert_true(has_text(s, ROLE_CATEGORY_LABEL, "中国"));
	assert_true(has_text(s, ROLE_VALUE_LABEL, "4,400万吨"));
	assert_int_equal(s->lang, LANG_ZH);
	scene_free(s);
}

/* A dataset of n countries with names of namelen characters. */
static char *
synthetic(size_t n, size_t namelen)
{
	struct buf b;
	size_t i, j;

	buf_init(&b);
	buf_adds(&b, "{\"format\":\"regen-dataset/1\",\"title\":\"t\","
	    "\"title_zh\":\"t\",\"as_of\":\"2025-01-01\",\"highlight\":\"E0\","
	    "\"units\":[{\"id\":"
	    "\"t\",\"name\":\"t\",\"name_zh\":\"t\",\"symbol\":\"t\",\"kind\":"
	    "\"mass\"},{\"id\":\"pct\",\"name\":\"p\",\"name_zh\":\"p\","
	    "\"symbol\":\"%\",\"kind\":\"percent\"}],\"sources\":[{\"id\":"
	    "\"s\",\"kind\":\"primary\",\"title\":\"T\",\"publisher\":\"P\","
	    "\"date\":\"2025\",\"lang\":\"en\"}],\"entities\":[");
	for (i = 0; i < n; i++) {
		buf_printf(&b, "%s{\"id\":\"E%zu\",\"name\":\"", i ? "," : "",
		    i);
		for (j = 0; j < namelen; j++)
			buf_add(&b, &"Republic of Longname "[j % 21], 1);
		buf_printf(&b, " %zu\",\"name_zh\":\"国家%zu\",\"kind\":"
		    "\"country\"}", i, i);
	}
	buf_adds(&b, "],\"elements\":[],\"series\":[");
	for (j = 0; j < 2; j++) {
		buf_printf(&b, "%s{\"id\":\"s%zu\",\"measure\":\"%s\","
		    "\"title\":\"x\",\"title_zh\":\"x\",\"unit\":\"t\","
		    "\"source\":\"s\",\"observations\":[", j ? "," : "", j,
		    j ? "mine_production" : "reserves");
		for (i = 0; i < n; i++)
			buf_printf(&b, "%s{\"entity\":\"E%zu\",\"year\":2024,"
			    "\"value\":%zu}", i ? "," : "", i,
			    (i * 7919) % 100000 + 1);
		buf_adds(&b, "],\"totals\":[]}");
	}
	buf_adds(&b, "],\"value_chain\":[{\"id\":\"v\",\"stage\":\"mining\","
	    "\"name\":\"A very long stage name that goes on and on and on and "
	    "on\",\"name_zh\":\"x\",\"entity\":\"E0\",\"share\":99.9,\"unit\":"
	    "\"pct\",\"year\":2024,\"source\":\"s\",\"note\":\"n\"}],"
	    "\"export_controls\":[],"
	    "\"claims\":[]}");
	return buf_release(&b);
}

static void
test_big_dataset_long_names(void **state)
{
	char *text = synthetic(2000, 300);
	struct model *m;
	struct diags d;
	size_t k;

	(void)state;
	diags_init(&d);
	m = data_parse("synthetic.json", text, strlen(text), &d);
	if (m == NULL)
		diags_print(&d, stderr);
	assert_non_null(m);
	for (k = 0; k < presets.n; k++) {
		struct chart_spec spec = presets.v[k];
		struct scene *s;

		spec.top_n = 5000;	/* more than fits: capped by space */
		s = chart_build(&spec, m, tc, NULL, &d, NULL);
		if (spec.kind == CHART_COLUMNS) {
			assert_null(s);		/* no totals: nothing */
			assert_true(diags_has(&d, "no world totals"));
			continue;
		}
		if (spec.kind == CHART_GROUPED) {
			assert_null(s);		/* only 2024: nothing to compare */
			assert_true(diags_has(&d, "has no country values for "
			    "2023"));
			continue;
		}
		assert_non_null(s);
		check_layout(s);
		scene_free(s);
	}
	diags_free(&d);
	model_free(m);
	free(text);
}

static void
test_markup_characters(void **state)
{
	char *a = harness_read("tests/data/mini.json"), *b;
	struct model *m;
	struct scene *s;
	struct diags d;

	(void)state;
	/* "&" and "<" in data are text, never Pango markup */
	b = harness_replace(a, "\"China\"", "\"R&D <China>\"");
	diags_init(&d);
	m = data_parse("mini.json", b, strlen(b), &d);
	assert_non_null(m);
	s = build(m, "reserves", LANG_EN, 0);
	assert_true(has_text(s, ROLE_CATEGORY_LABEL, "R&D <China>"));
	check_layout(s);
	scene_free(s);
	model_free(m);
	diags_free(&d);
	free(a);
	free(b);
}

/* The XML-escaped form of s; caller frees. */
static char *
xml_escaped(const char *s)
{
	struct buf b;

	buf_init(&b);
	for (; *s; s++)
		switch (*s) {
		case '&': buf_adds(&b, "&amp;"); break;
		case '<': buf_adds(&b, "&lt;"); break;
		case '>': buf_adds(&b, "&gt;"); break;
		case '"': buf_adds(&b, "&quot;"); break;
		default: buf_add(&b, s, 1);
		}
	return buf_release(&b);
}

static void
test_native_svg(void **state)
{
	struct buf ids;
	size_t k;
	int lang;

	(void)state;
	buf_init(&ids);
	buf_adds(&ids, "|");
	for (lang = LANG_EN; lang <= LANG_ZH; lang++)
		for (k = 0; k < presets.n; k++) {
			struct scene *s = build(bundled, presets.v[k].id,
			    (enum lang)lang, 0);
			char *idp = xasprintf("%s%s", s->id, lang ? "-zh" : "");
			struct render_meta meta = { .id_prefix = idp };
			const char *p;
			struct buf svg;
			size_t i;

			buf_init(&svg);
			assert_int_equal(render_svg_native(s, tc, &meta, &svg),
			    0);
			/* slide-safe: no glyph symbols, no CSS, no objects */
			assert_null(strstr(svg.data, "<symbol"));
			assert_null(strstr(svg.data, "<style"));
			assert_null(strstr(svg.data, "foreignObject"));
			assert_null(strstr(svg.data, "rgb("));
			assert_non_null(strstr(svg.data, "role=\"img\""));
			assert_non_null(strstr(svg.data, "<title id=\""));
			assert_non_null(strstr(svg.data, "<desc id=\""));
			assert_non_null(s->desc);
			/* every label of the scene is a <text> with the same
			 * content (a wrapped one, line by line) */
			for (i = 0; i < s->n; i++) {
				const struct scene_item *it = &s->items[i];
				char *esc, *want;

				if (it->kind != SCENE_TEXT)
					continue;
				esc = xml_escaped(it->text);
				want = xasprintf(">%s</text>", esc);
				if (it->wrap == 0 && strstr(svg.data, want) == NULL)
					fail_msg("%s: label \"%s\" is not a <text>",
					    idp, it->text);
				free(want);
				free(esc);
			}
			/* ids: all prefixed, none seen in another chart */
			for (p = strstr(svg.data, " id=\""); p != NULL;
			    p = strstr(p + 1, " id=\"")) {
				const char *q = strchr(p + 5, '"');
				char *id = xasprintf("|%.*s|", (int)(q - p - 5),
				    p + 5);

				assert_true(strncmp(p + 5, idp, strlen(idp)) == 0);
				if (strstr(ids.data, id) != NULL)
					fail_msg("id %s used twice", id);
				buf_adds(&ids, id + 1);
				free(id);
			}
			/* numbers never use a decimal comma */
			assert_null(strstr(svg.data, "x=\"-0\""));
			buf_free(&svg);
			free(idp);
			scene_free(s);
		}
	buf_free(&ids);
}

/* A page's rich text in the native SVG writer: bold and italic as
 * <tspan>, a web link as <a> around an underlined <tspan>, an internal
 * link as plain text, markup escaped, every coordinate without printf
 * noise; a page (no summary) is not role="img". */
static void
test_native_svg_rich_text(void **state)
{
	static const char text[] = "Bold & italic <a> USGS [1] end";
	struct text_span spans[] = {
		{ 0, 4, SPAN_BOLD, NULL },
		{ 7, 13, SPAN_ITALIC, NULL },
		{ 18, 22, SPAN_LINK, "https://pubs.usgs.gov/?a=1&b=2" },
		{ 23, 26, SPAN_XREF, "#src-usgs" },
	};
	struct text_style st = { 10.5, 0, LANG_EN, 0, 0 };
	struct render_meta meta = { .id_prefix = "page-1",
	    .title = "Briefing (1/2)" };
	struct scene *s = scene_new("page", 595.28, 841.89, LANG_EN);
	struct buf svg;

	(void)state;
	scene_text_spans(s, tc, ROLE_PARAGRAPH, 56.5, 100.25, text, spans, 4,
	    &st, 480, 0x1A1A1A);
	buf_init(&svg);
	assert_int_equal(render_svg_native(s, tc, &meta, &svg), 0);
	assert_non_null(strstr(svg.data, "xmlns:xlink="));
	assert_non_null(strstr(svg.data, "viewBox=\"0 0 595.28 841.89\""));
	assert_non_null(strstr(svg.data,
	    "<title id=\"page-1-title\">Briefing (1/2)</title>"));
	assert_null(strstr(svg.data, "role=\"img\""));
	assert_null(strstr(svg.data, "<desc"));
	assert_non_null(strstr(svg.data, " x=\"56.5\""));
	assert_non_null(strstr(svg.data,
	    "<tspan font-weight=\"bold\">Bold</tspan> &amp; "));
	assert_non_null(strstr(svg.data,
	    "<tspan font-style=\"italic\">italic</tspan> &lt;a&gt; "));
	assert_non_null(strstr(svg.data, "<a xlink:href=\"https://pubs.usgs."
	    "gov/?a=1&amp;b=2\"><tspan fill=\"#0B5CAD\" text-decoration="
	    "\"underline\">USGS</tspan></a> [1] end</text>"));
	assert_null(strstr(svg.data, "src-usgs"));
	buf_free(&svg);
	scene_free(s);
}

static void
test_words_expand(void **state)
{
	const struct word_arg a[] = { { "year", "2024" }, { "unit", "Mt" } };
	char *s;

	(void)state;
	s = words_expand("{year}: {{braces} in {unit}, {unknown}", a, 2);
	assert_string_equal(s, "2024: {braces} in Mt, {unknown}");
	free(s);
	s = words_expand("", a, 2);
	assert_string_equal(s, "");
	free(s);
	s = words_expand("{year", a, 2);	/* unclosed: as it is */
	assert_string_equal(s, "{year");
	free(s);
}

/* One scale for an axis: the unit's largest whose `from` vmax reaches,
 * in the language's factor and symbol. */
static void
test_unit_scales(void **state)
{
	const struct unit *u = model_unit(bundled, "t_reo");
	struct unit_disp d;

	(void)state;
	unit_display(u, LANG_EN, 44e6, &d);
	assert_true(d.div == 1e6);
	assert_string_equal(d.symbol, "Mt");
	assert_string_equal(d.name, "million tonnes of rare-earth oxide "
	    "equivalent");
	unit_display(u, LANG_ZH, 44e6, &d);
	assert_true(d.div == 1e4);
	assert_string_equal(d.symbol, "万吨");
	unit_display(u, LANG_EN, 270000, &d);
	assert_true(d.div == 1);
	assert_string_equal(d.symbol, "t");
	unit_display(u, LANG_ZH, 270000, &d);
	assert_string_equal(d.symbol, "吨");
	assert_int_equal(unit_display_id(u, LANG_ZH, "Mt", &d), 0);
	assert_true(d.div == 1e4);
	assert_int_equal(unit_display_id(u, LANG_EN, "t", &d), 0);
	assert_true(d.div == 1);
	assert_int_equal(unit_display_id(u, LANG_EN, "kt", &d), -1);
}

/* A spec built in the test: kind, series, highlight, texts. */
static struct scene *
build_spec(const struct model *m, enum chart_kind k, const char *series,
    const char *highlight, struct diags *d)
{
	struct chart_spec spec;
	struct scene *s;

	chart_spec_defaults(&spec, k);
	spec.id = xstrdup("test");
	spec.series = xstrdup(series);
	spec.highlight = xstrdup(highlight);
	s = chart_build(&spec, m, tc, NULL, d, NULL);
	chart_spec_clear(&spec);
	return s;
}

/* Another commodity: its words, its units, its entities. */
static void
test_other_commodity(void **state)
{
	struct model *li = load("tests/data/lithium.json");
	struct diags d;
	struct scene *s;

	(void)state;
	diags_init(&d);
	/* stages held by different entities each name their own */
	s = build_spec(li, CHART_STACKED, NULL, NULL, &d);
	assert_non_null(s);
	assert_true(has_text(s, ROLE_CATEGORY_LABEL,
	    "Mine production: Australia (2024)"));
	assert_false(has_text(s, ROLE_LEGEND_LABEL, "China"));
	assert_true(has_text(s, ROLE_LEGEND_LABEL, "Country named"));
	check_layout(s);
	scene_free(s);
	/* one year of totals: no "2024–2024", no change statement */
	s = build_spec(li, CHART_COLUMNS, "reserves", NULL, &d);
	assert_non_null(s);
	assert_string_equal(s->title, "World total: Lithium reserves by "
	    "country, 2024 (million tonnes of lithium content)");
	assert_false(has_text(s, ROLE_SUBTITLE, "Reserves rose about 0% "
	    "from 2024 to 2024"));
	assert_null(strstr(s->desc, "about"));
	scene_free(s);
	/* a highlight without a figure is a note, and nothing is lit */
	s = build_spec(li, CHART_RANKED, "reserves", "NA", &d);
	assert_non_null(s);
	assert_true(has_text(s, ROLE_NOTE,
	    "Namibia (highlighted) has no figure for 2024."));
	assert_true(has_text(s, ROLE_SUBTITLE, "Chile: 31.0% of 30.0 Mt"));
	{
		const struct scene_item *b[16];
		size_t n = bars(s, b, 16), i;

		for (i = 1; i < n; i++)
			assert_true(b[i]->rgb == b[1]->rgb ||
			    strcmp(b[i]->key, "REST") == 0);
	}
	scene_free(s);
	assert_int_equal(d.n, 0);
	diags_free(&d);
	model_free(li);
}

/* A spec's measure must be its series' measure. */
static void
test_measure_checked(void **state)
{
	struct chart_spec spec;
	struct pos p = { "t.xml", 7, 0 };
	struct diags d;

	(void)state;
	diags_init(&d);
	chart_spec_defaults(&spec, CHART_RANKED);
	spec.id = xstrdup("reserves");
	spec.measure = xstrdup("reserves");
	spec.series = xstrdup("mine-production");
	assert_null(chart_series(&spec, bundled, &p, &d));
	assert_true(diags_has(&d, "t.xml:7: chart \"reserves\" shows the "
	    "measure \"reserves\", but series \"mine-production\" has "
	    "the measure \"mine_production\""));
	assert_null(chart_build(&spec, bundled, tc, NULL, &d, NULL));
	chart_spec_set(&spec.series, NULL);
	assert_string_equal(chart_series(&spec, bundled, &p, &d)->id,
	    "reserves");
	chart_spec_clear(&spec);
	diags_free(&d);
}

/* ---- legible at any height: wrapped names, labels in the plot ---- */

#define DOC_WIDTH	(595.28 - 2 * 56)	/* an A4 briefing's text */
#define ELLIPSIS	"\xe2\x80\xa6"

/* The chart of a preset as a briefing draws it: the text width, the
 * document's font scale, the given height. */
static struct scene *
build_doc(const struct model *m, const char *id, enum lang lang,
    double width, double height)
{
	struct chart_spec spec = preset_in(id, lang);

	spec.width = width;
	spec.height = height;
	spec.font_scale = 0.8;
	return build_preset(&spec, m);
}

static int
line_crosses(const struct scene_item *l, const struct scene_item *t)
{
	return fmax(l->x, l->x2) > t->x && fmin(l->x, l->x2) < t->x + t->w &&
	    fmax(l->y, l->y2) > t->y && fmin(l->y, l->y2) < t->y + t->h;
}

/* Every value label inside the plot, on no gridline; every category
 * name whole (wrapped, never cut) and left of the plot. */
static void
check_in_plot(const struct scene *s)
{
	const double eps = 0.01;
	size_t i, j;

	assert_true(s->plot_w > 0 && s->plot_h > 0);
	for (i = 0; i < s->n; i++) {
		const struct scene_item *t = &s->items[i];

		if (t->kind != SCENE_TEXT)
			continue;
		/* a name beside the plot (bars) ends left of it; under
		 * the plot (columns) it may not */
		if (t->role == ROLE_CATEGORY_LABEL &&
		    (strstr(t->text, ELLIPSIS) != NULL || t->x < -eps ||
		    (t->y < s->plot_y + s->plot_h &&
		    t->x + t->w > s->plot_x + eps)))
			fail_msg("%s: name \"%s\" (%.1f,%.1f %.1fx%.1f) cut or "
			    "outside its column", s->id, t->text, t->x, t->y,
			    t->w, t->h);
		if (t->role != ROLE_VALUE_LABEL)
			continue;
		if (t->x < s->plot_x - eps || t->y < s->plot_y - eps ||
		    t->x + t->w > s->plot_x + s->plot_w + eps ||
		    t->y + t->h > s->plot_y + s->plot_h + eps)
			fail_msg("%s: value label \"%s\" (%.1f,%.1f)-(%.1f,%.1f) "
			    "leaves the plot (%.1f,%.1f)-(%.1f,%.1f)", s->id,
			    t->text, t->x, t->y, t->x + t->w, t->y + t->h,
			    s->plot_x, s->plot_y, s->plot_x + s->plot_w,
			    s->plot_y + s->plot_h);
		for (j = 0; j < s->n; j++)
			if (s->items[j].kind == SCENE_LINE &&
			    s->items[j].role == ROLE_GRID &&
			    line_crosses(&s->items[j], t))
				fail_msg("%s: a gridline crosses \"%s\"", s->id,
				    t->text);
	}
}

static const struct scene_item *
find_text(const struct scene *s, enum scene_role role, const char *text)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->items[i].kind == SCENE_TEXT &&
		    s->items[i].role == role &&
		    strcmp(s->items[i].text, text) == 0)
			return &s->items[i];
	return NULL;
}

/* Gridlines at distinct positions (a gridline may be cut in pieces). */
static size_t
gridlines(const struct scene *s)
{
	double at[64];
	size_t i, j, n = 0;

	for (i = 0; i < s->n; i++) {
		const struct scene_item *l = &s->items[i];

		if (l->kind != SCENE_LINE || l->role != ROLE_GRID)
			continue;
		for (j = 0; j < n && fabs(at[j] - (l->y == l->y2 ? l->y :
		    l->x)) > 0.01; j++)
			;
		if (j == n && n < 64)
			at[n++] = l->y == l->y2 ? l->y : l->x;
	}
	return n;
}

/* The briefing's value chain: "Permanent-magnet manufacturing (2024)"
 * wraps to two lines in the label column, whole, and its "6%" stays in
 * the plot. */
static void
test_stage_name_wraps(void **state)
{
	struct scene *s = build_doc(bundled, "value-chain", LANG_EN, DOC_WIDTH,
	    180);
	const struct scene_item *t, *one;

	(void)state;
	t = find_text(s, ROLE_CATEGORY_LABEL,
	    "Permanent-magnet manufacturing (2024)");
	one = find_text(s, ROLE_CATEGORY_LABEL, "Mine production (2025)");
	assert_non_null(t);
	assert_non_null(one);
	assert_true(t->wrap > 0);
	assert_true(t->h > 1.8 * one->h);		/* two lines */
	assert_true(t->x >= 0 && t->x + t->w <= s->plot_x);
	assert_true(has_text(s, ROLE_VALUE_LABEL, "6%"));
	check_in_plot(s);
	check_layout(s);
	scene_free(s);
}

/* A Chinese stage name with no space wraps between characters. */
static void
test_chinese_stage_name_wraps(void **state)
{
	static const char long_zh[] = "永磁体制造（烧结与粘结钕铁硼磁体）";
	char *a = harness_read("data/rare_earths.json"), *b, *p, *name;
	struct model *m;
	struct scene *s;
	struct diags d;
	size_t i;

	(void)state;
	p = strstr(a, "\"永磁体制造\"");
	assert_non_null(p);
	b = xasprintf("%.*s\"%s\"%s", (int)(p - a), a, long_zh,
	    p + strlen("\"永磁体制造\""));
	diags_init(&d);
	m = data_parse("long-zh.json", b, strlen(b), &d);
	diags_print(&d, stderr);
	assert_non_null(m);
	s = build_doc(m, "value-chain", LANG_ZH, 360, 120);
	name = xasprintf("%s (2024)", long_zh);
	for (i = 0; i < s->n; i++)
		if (s->items[i].role == ROLE_CATEGORY_LABEL &&
		    strncmp(s->items[i].text, long_zh, 6) == 0)
			break;
	assert_true(i < s->n);
	assert_string_equal(s->items[i].text, name);	/* whole */
	assert_true(s->items[i].wrap > 0);
	assert_true(s->items[i].h > 2 * 0.8 * 12);	/* lines, not one */
	assert_true(s->items[i].x + s->items[i].w <= s->plot_x);
	check_in_plot(s);
	check_layout(s);
	free(name);
	scene_free(s);
	model_free(m);
	diags_free(&d);
	free(b);
	free(a);
}

/* Every kind, both languages, in a briefing and on a slide, short or
 * not: labels in the plot, on no gridline, names whole. */
static void
test_value_labels_in_plot(void **state)
{
	static const double heights[] = { 120, 210, 300 };
	static const double widths[] = { DOC_WIDTH, 360 };
	size_t k, h, w;
	int lang;

	(void)state;
	for (lang = LANG_EN; lang <= LANG_ZH; lang++)
		for (k = 0; k < presets.n; k++) {
			struct scene *s = build(bundled, presets.v[k].id,
			    (enum lang)lang, 0);

			check_in_plot(s);
			scene_free(s);
			for (h = 0; h < 3; h++)
				for (w = 0; w < 2; w++) {
					s = build_doc(bundled, presets.v[k].id,
					    (enum lang)lang, widths[w],
					    heights[h]);
					check_in_plot(s);
					check_layout(s);
					scene_free(s);
				}
		}
}

/* A chart shorter than its kind can show is drawn at the kind's least
 * height: the briefing's world production at 210 points gets three
 * gridlines or more; that height is a fixed point; a tall chart keeps
 * its height. */
static void
test_least_height(void **state)
{
	struct scene *s, *again;
	double least;
	size_t k;
	int lang;

	(void)state;
	s = build_doc(bundled, "world-production", LANG_EN, DOC_WIDTH, 210);
	assert_true(s->h > 210);
	assert_true(gridlines(s) >= 3);
	least = s->h;
	scene_free(s);
	again = build_doc(bundled, "world-production", LANG_EN, DOC_WIDTH,
	    least);
	assert_true(again->h == least);
	assert_true(gridlines(again) >= 3);
	scene_free(again);
	for (lang = LANG_EN; lang <= LANG_ZH; lang++)
		for (k = 0; k < presets.n; k++) {
			s = build_doc(bundled, presets.v[k].id, (enum lang)lang,
			    DOC_WIDTH, 120);
			assert_true(s->h > 120);
			if (presets.v[k].kind == CHART_COLUMNS)
				assert_true(gridlines(s) >= 3);
			if (presets.v[k].kind == CHART_RANKED) {
				const struct scene_item *b[32];

				assert_true(bars(s, b, 32) >= 3);
			}
			scene_free(s);
			s = build_doc(bundled, presets.v[k].id, (enum lang)lang,
			    DOC_WIDTH, 600);
			assert_true(s->h == 600);
			scene_free(s);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_native_svg_rich_text),
		cmocka_unit_test(test_all_charts_layout),
		cmocka_unit_test(test_reserves),
		cmocka_unit_test(test_production_shares),
		cmocka_unit_test(test_value_chain_stacked),
		cmocka_unit_test(test_grouped_and_vertical),
		cmocka_unit_test(test_chinese_names),
		cmocka_unit_test(test_big_dataset_long_names),
		cmocka_unit_test(test_markup_characters),
		cmocka_unit_test(test_native_svg),
		cmocka_unit_test(test_words_expand),
		cmocka_unit_test(test_unit_scales),
		cmocka_unit_test(test_other_commodity),
		cmocka_unit_test(test_measure_checked),
		cmocka_unit_test(test_stage_name_wraps),
		cmocka_unit_test(test_chinese_stage_name_wraps),
		cmocka_unit_test(test_value_labels_in_plot),
		cmocka_unit_test(test_least_height),
	};

	return cmocka_run_group_tests_name("chart", tests, setup, teardown);
}
