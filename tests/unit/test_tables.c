/*
 * Unit tests of the table builders of the document stage (doc.h): each
 * table's headings, rows and cells from the mini dataset, its n/a rows,
 * its world row, and the sources it cites.
 */
#include <string.h>

#include "harness.h"

#include "data.h"
#include "doc.h"

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

/* The text of a cell. */
static const char *
cell(const struct table *t, size_t r, size_t c)
{
	assert_true(r < t->nrows && c < t->ncols);
	return t->cells[r * t->ncols + c].text;
}

/* Each row of t, its cells joined by " | ", one row a line. */
static char *
rows(const struct table *t)
{
	struct buf b;
	size_t r, c;

	buf_init(&b);
	for (c = 0; c < t->ncols; c++)
		buf_printf(&b, "%s%s", c ? " | " : "", t->head[c]);
	buf_adds(&b, "\n");
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++)
			buf_printf(&b, "%s%s", c ? " | " : "", cell(t, r, c));
		buf_adds(&b, "\n");
	}
	return buf_release(&b);
}

static void
expect_rows(const struct table *t, const char *want)
{
	char *got = rows(t);

	if (strcmp(got, want) != 0)
		fail_msg("got:\n%s\nwant:\n%s", got, want);
	free(got);
}

static void
test_ranked(void **state)
{
	struct doc *d = doc_new(LANG_EN);
	const char *why = NULL;
	struct table *t;

	(void)state;
	t = doc_table_ranked(d, model_series(m, "reserves"), 2024, 2, &why);
	assert_non_null(t);
	/* top 2, the rest of a lower-bound world, the n/a country, the
	 * world as a lower bound */
	expect_rows(t, "# | Country | Reserves (Mt) | Share of world\n"
	    "1 | China | 44.0 | 48.9%\n"
	    "2 | Brazil | 21.0 | 23.3%\n"
	    " | Rest of world | 25.0 | 27.8%\n"
	    " | Burma | n/a | n/a\n"
	    " | World | more than 90 [1] | \n");
	assert_true(t->last_is_total);
	doc_add_block(d, BLOCK_TABLE, 1)->table = t;
	assert_int_equal(d->ncited, 1);
	assert_string_equal(d->cited[0]->id, "usgs");
	/* the rows share one scale: the heading's */
	assert_null(doc_table_ranked(d, model_series(m, "reserves"), 2030, 2,
	    &why));
	assert_string_equal(why, "the series has no country values for the "
	    "year");
	doc_free(d);
}

static void
test_change_and_chain(void **state)
{
	struct doc *d = doc_new(LANG_ZH);
	const char *why;
	struct table *t;

	(void)state;
	t = doc_table_change(d, model_series(m, "mine-production"), 2023,
	    2024, 8, &why);
	expect_rows(t, "国家 | 2023 (吨) | 2024 (吨) | 变化\n"
	    "中国 | 255,000 | 270,000 | +5.9%\n"
	    "缅甸 | 43,000 | 31,000 | -27.9%\n");
	doc_add_block(d, BLOCK_TABLE, 1)->table = t;
	/* one holder: its name in the heading, no "held by" column */
	t = doc_table_value_chain(d, m, &why);
	expect_rows(t, "环节 | 中国份额 | 世界其他地区 | 年份\n"
	    "开采 | 69.2% [1] | 30.8% | 2024\n");
	doc_add_block(d, BLOCK_TABLE, 2)->table = t;
	doc_free(d);
}

static void
test_timeline_and_claims(void **state)
{
	struct doc *d = doc_new(LANG_EN);
	const char *why;
	struct table *t;

	(void)state;
	t = doc_table_timeline(d, m, &why);
	expect_rows(t, "Date | Measure | Elements | Status on 31 January 2025\n"
	    "2025-04-04 | No. 18: Licences. [1] | Dy | in force\n"
	    "2025-10-09 | No. 57: More licences. [1] | \xe2\x80\x94 | "
	    "suspended until 10 November 2026\n");
	doc_add_block(d, BLOCK_TABLE, 1)->table = t;
	t = doc_table_claims(d, m, &why);
	expect_rows(t, "Claim in the press | Press figure | Primary figure | "
	    "Verdict\n"
	    "China reserves: \xe2\x80\x9c" "4400万吨\xe2\x80\x9d [2] | 44 Mt | "
	    "44 Mt [1] | agrees\n"
	    "China's mining share: \xe2\x80\x9c" "about 70%\xe2\x80\x9d [2] | "
	    "70% | 69.2% [1] | different basis\n"
	    "A national figure: \xe2\x80\x9c" "28.5 million tons\xe2\x80\x9d "
	    "[2] | 28.5 Mt | \xe2\x80\x94 | unverified\n");
	doc_add_block(d, BLOCK_TABLE, 2)->table = t;
	/* the press source is cited after the primary one it follows */
	assert_int_equal(d->ncited, 2);
	assert_string_equal(d->cited[1]->id, "press");
	doc_free(d);
}

/* The revisions table needs a previous edition, and shows only what it
 * revised. */
static void
test_revisions(void **state)
{
	struct doc *d = doc_new(LANG_EN);
	const char *why = NULL;

	char *mini = harness_read("tests/data/mini.json"), *text;
	struct model *e;
	struct diags dg;
	struct table *t;

	(void)state;
	assert_null(doc_table_revisions(d, model_series(m, "reserves"),
	    &why));
	assert_string_equal(why, "the series keeps no previous edition");
	/* MCS "2024" revised Burma's 2024 output and the world's; China's
	 * stands, 2023 was dropped: neither is a revision */
	text = harness_replace(mini, "\"rounding\": 10000 }\n      ]",
	    "\"rounding\": 10000 }\n      ],\n      \"previous\": { "
	    "\"source\": \"press\", \"observations\": [ { \"entity\": "
	    "\"CN\", \"year\": 2024, \"value\": 270000 }, { \"entity\": "
	    "\"MM\", \"year\": 2024, \"value\": 38000 }, { \"entity\": "
	    "\"CN\", \"year\": 2022, \"value\": 210000 } ], \"totals\": [ "
	    "{ \"year\": 2024, \"value\": 350000, \"qualifier\": "
	    "\"rounded\", \"rounding\": 10000 } ] }");
	diags_init(&dg);
	e = data_parse("mini", text, strlen(text), &dg);
	if (e == NULL)
		diags_print(&dg, stderr);
	assert_non_null(e);
	t = doc_table_revisions(d, model_series(e, "mine-production"), &why);
	assert_non_null(t);
	expect_rows(t, "Country | Year | Previous edition (t) | This edition "
	    "(t) | Change\n"
	    "Burma | 2024 | 38,000 | 31,000 | -18.4%\n"
	    "World | 2024 | 350,000 | 390,000 | +11.4%\n");
	assert_true(t->last_is_total);
	doc_add_block(d, BLOCK_TABLE, 1)->table = t;
	/* both editions are cited */
	assert_int_equal(d->ncited, 2);
	doc_free(d);
	model_free(e);
	diags_free(&dg);
	free(text);
	free(mini);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranked),
		cmocka_unit_test(test_change_and_chain),
		cmocka_unit_test(test_timeline_and_claims),
		cmocka_unit_test(test_revisions),
	};

	return cmocka_run_group_tests_name("tables", tests, setup, teardown);
}
