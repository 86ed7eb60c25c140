/*
 * Unit tests of the diff stage: which changes two editions of a dataset
 * give, and how `regen diff` prints them.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"

#include "data.h"
#include "diff.h"

#define MINI "tests/data/mini.json"

static struct model *
parse(const char *text)
{
	struct model *m;
	struct diags d;

	diags_init(&d);
	m = data_parse(MINI, text, strlen(text), &d);
	if (m == NULL)
		diags_print(&d, stderr);
	assert_non_null(m);
	diags_free(&d);
	return m;
}

/* The change whose record and key are these, or NULL. */
static const struct change *
find(const struct changes *cs, const char *record, const char *key)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->v[i].record, record) == 0 &&
		    strcmp(cs->v[i].key, key) == 0)
			return &cs->v[i];
	return NULL;
}

static void
test_equal_datasets(void **state)
{
	char *text = harness_read(MINI);
	struct model *a = parse(text), *b = parse(text);
	struct changes cs = { 0 };

	(void)state;
	diff_models(a, b, &cs);
	assert_int_equal(cs.n, 0);
	changes_free(&cs);
	model_free(a);
	model_free(b);
	free(text);
}

/* One edit of each kind, each found as what it is. */
static void
test_every_kind(void **state)
{
	char *text = harness_read(MINI), *t1, *t2, *t3, *t4, *t5;
	struct model *a, *b;
	struct changes cs = { 0 };
	const struct change *c;

	(void)state;
	t1 = harness_replace(text, "\"value\": 21000000", "\"value\": 11000000");
	t2 = harness_replace(t1, "{ \"entity\": \"OTHER\", \"year\": 2024, "
	    "\"value\": 1100 }", "{ \"entity\": \"OTHER\", \"year\": 2023, "
	    "\"value\": 1100 }");
	t3 = harness_replace(t2, "\"status\": \"suspended\"",
	    "\"status\": \"in_force\"");
	t4 = harness_replace(t3, "\"value\": 80, \"unit\": \"pct\"",
	    "\"value\": 67, \"unit\": \"pct\"");
	t5 = harness_replace(t4, "\"value\": 390000, \"qualifier\"",
	    "\"value\": 380000, \"qualifier\"");
	a = parse(text);
	b = parse(t5);
	diff_models(a, b, &cs);
	c = find(&cs, "series reserves", "BR 2024");
	assert_non_null(c);
	assert_int_equal(c->kind, CHANGE_REVISED);
	assert_string_equal(c->before, "21,000,000 t");
	assert_string_equal(c->after, "11,000,000 t");
	assert_true(c->old_obs->value == 21000000);
	c = find(&cs, "series mine-production", "OTHER 2023");
	assert_true(c != NULL && c->kind == CHANGE_ADDED);
	c = find(&cs, "series mine-production", "OTHER 2024");
	assert_true(c != NULL && c->kind == CHANGE_REMOVED);
	c = find(&cs, "series mine-production", "world 2024");
	assert_true(c != NULL && c->kind == CHANGE_REVISED);
	assert_string_equal(c->before, "~390,000 t");
	c = find(&cs, "export_controls", "ann-57 status");
	assert_non_null(c);
	assert_string_equal(c->before, "suspended until 2026-11-10");
	assert_string_equal(c->after, "in_force until 2026-11-10");
	c = find(&cs, "figures", "reliance");
	assert_non_null(c);
	assert_string_equal(c->after, "67 %");
	assert_int_equal(cs.n, 6);
	assert_int_equal(cs.nadded, 1);
	assert_int_equal(cs.nremoved, 1);
	assert_int_equal(cs.nrevised, 4);
	changes_free(&cs);
	/* and the other way round */
	diff_models(b, a, &cs);
	assert_int_equal(cs.n, 6);
	assert_string_equal(find(&cs, "series reserves", "BR 2024")->after,
	    "21,000,000 t");
	changes_free(&cs);
	model_free(a);
	model_free(b);
	free(text);
	free(t1);
	free(t2);
	free(t3);
	free(t4);
	free(t5);
}

/* A snapshot series (one year per edition) compares entity by entity;
 * records that come and go are listed by id. */
static void
test_snapshot_and_records(void **state)
{
	char *text = harness_read(MINI), *t1, *t2;
	struct model *a, *b;
	struct changes cs = { 0 };
	const struct change *c;
	size_t i;

	(void)state;
	t1 = text;
	for (i = 0; i < 5; i++) {	/* reserves' four rows and total */
		t2 = harness_replace(t1, "\"year\": 2024, \"value\": ",
		    "\"year\": 2025, \"value\": ");
		if (t1 != text)
			free(t1);
		t1 = t2;
	}
	t2 = harness_replace(t1, "\"value\": 6900000", "\"value\": null, "
	    "\"note\": \"NA\"");
	free(t1);
	t1 = harness_replace(t2, "\"entity\": \"CN\", \"year\": 2024 }",
	    "\"entity\": \"CN\", \"year\": 2025 }");
	free(t2);
	t2 = t1;
	t1 = harness_replace(t2, "{ \"id\": \"c3\"", "{ \"id\": \"c4\"");
	a = parse(text);
	b = parse(t1);
	diff_models(a, b, &cs);
	c = find(&cs, "series reserves", "IN 2024 -> 2025");
	assert_non_null(c);
	assert_string_equal(c->after, "n/a");
	assert_null(find(&cs, "series reserves", "CN 2024 -> 2025"));
	c = find(&cs, "series reserves", "world 2024 -> 2025");
	assert_null(c);		/* the same lower bound */
	assert_int_equal(find(&cs, "claims", "c4")->kind, CHANGE_ADDED);
	assert_int_equal(find(&cs, "claims", "c3")->kind, CHANGE_REMOVED);
	changes_free(&cs);
	model_free(a);
	model_free(b);
	free(text);
	free(t1);
	free(t2);
}

/* Text and Markdown, each ending with the count. */
static void
test_print(void **state)
{
	struct changes cs = { 0 };
	char buf[4096];
	FILE *fp;
	size_t n;

	(void)state;
	cs.v = xcalloc(1, sizeof(*cs.v));
	cs.v[0] = (struct change){ CHANGE_REVISED, xstrdup("figures"),
	    xstrdup("a|b"), xstrdup("1 t"), xstrdup("2 t"), NULL, NULL };
	cs.n = cs.nrevised = 1;
	fp = fmemopen(buf, sizeof(buf), "w");
	changes_print(&cs, "old.json", "new.json", 0, fp);
	changes_print(&cs, "old.json", "new.json", 1, fp);
	n = (size_t)ftell(fp);
	fclose(fp);
	buf[n] = '\0';
	assert_string_equal(buf, "--- old.json\n+++ new.json\n"
	    "revised  figures: a|b: 1 t -> 2 t\n"
	    "1 change: 0 added, 0 removed, 1 revised\n"
	    "Changes from `old.json` to `new.json`.\n\n"
	    "| change | record | what | before | after |\n"
	    "|---|---|---|---|---|\n"
	    "| revised | figures | a\\|b | 1 t | 2 t |\n"
	    "\n1 change: 0 added, 0 removed, 1 revised\n");
	changes_free(&cs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal_datasets),
		cmocka_unit_test(test_every_kind),
		cmocka_unit_test(test_snapshot_and_records),
		cmocka_unit_test(test_print),
	};

	return cmocka_run_group_tests_name("diff", tests, NULL, NULL);
}
