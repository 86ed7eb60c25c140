/*
 * Unit tests of the dataset stage: one test per kind of bad input, each
 * checking the message names file:line:col, the path, what was expected
 * and what was found.
 */
#include <math.h>
#include <string.h>

#include "harness.h"
#include <cjson/cJSON.h>

#include "data.h"

#define MINI "tests/data/mini.json"

static char *mini;

static int
setup(void **state)
{
	(void)state;
	mini = harness_read(MINI);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	free(mini);
	return 0;
}

/*
 * Replace from by to in the mini dataset, parse it, and check that it
 * is refused with a message that contains want, at the position of mark
 * in the changed text (mark NULL: any position).
 */
static void
expect_error(const char *from, const char *to, const char *mark,
    const char *want)
{
	char *text = harness_replace(mini, from, to), *where = NULL;
	struct model *m;
	struct diags d;
	size_t i;

	diags_init(&d);
	m = data_parse(MINI, text, strlen(text), &d);
	if (m != NULL)
		fail_msg("accepted a dataset with %s -> %s", from, to);
	assert_true(d.n > 0);
	if (mark != NULL) {
		char *lc = harness_linecol(text, mark);

		where = xasprintf(MINI ":%s: ", lc);
		free(lc);
	}
	for (i = 0; i < d.n; i++)
		if (strstr(d.msgs[i], want) != NULL &&
		    (where == NULL || strncmp(d.msgs[i], where,
		    strlen(where)) == 0))
			break;
	if (i == d.n) {
		for (i = 0; i < d.n; i++)
			print_message("got: %s\n", d.msgs[i]);
		fail_msg("no message \"%s\" at %s", want,
		    where ? where : "any place");
	}
	free(where);
	diags_free(&d);
	free(text);
}

static void
test_valid_mini(void **state)
{
	struct model *m;
	struct diags d;

	(void)state;
	diags_init(&d);
	m = data_parse(MINI, mini, strlen(mini), &d);
	assert_non_null(m);
	assert_int_equal(d.total, 0);
	assert_int_equal(m->nseries, 2);
	assert_string_equal(m->highlight->id, "CN");
	assert_true(series_obs(&m->series[0], "MM", 2024)->na);
	assert_int_equal(m->claims[0].primary_obs->value, 44000000);
	/* a more-than total: the effective total is the larger sum */
	assert_true(series_effective_total(&m->series[0], 2024, NULL) ==
	    90000000);
	model_free(m);
}

/* The verdict rule of data/README.md, on the claim's own precision. */
static void
test_claim_matches(void **state)
{
	(void)state;
	assert_true(claim_matches(44000000, 44000000));
	assert_true(claim_matches(44000000, 44400000));	/* 44 Mt: +-0.5 Mt */
	assert_false(claim_matches(44000000, 44600000));
	assert_true(claim_matches(70, 69.2));		/* "about 70 %" */
	assert_true(claim_matches(60, 58.4));
	assert_false(claim_matches(92, 91));		/* 92: +-0.5 */
	assert_false(claim_matches(2600, 2500));	/* 2,600: +-50 */
	assert_true(claim_matches(1.15, 1.15));
	assert_false(claim_matches(1.15, 1.2));
	assert_true(claim_matches(0, 0));
	assert_false(claim_matches(0, 0.1));
}

/* A claim's verdict comes from the rule wherever it has a primary; a
 * verdict written in the file must agree with it. */
static void
test_verdict_rule(void **state)
{
	struct model *m;
	struct diags d;
	char *text;

	(void)state;
	/* 4400万吨 against 44 Mt: agrees, written or not */
	text = harness_replace(mini, "\"verdict\": \"agrees\", ", "");
	diags_init(&d);
	m = data_parse(MINI, text, strlen(text), &d);
	assert_non_null(m);
	assert_int_equal(m->claims[0].verdict, VERDICT_AGREES);
	/* capacity against an output share: a different basis */
	assert_int_equal(m->claims[1].verdict, VERDICT_DIFFERENT_BASIS);
	assert_int_equal(claim_verdict(&m->claims[2]), -1);
	model_free(m);
	diags_free(&d);
	free(text);
	expect_error("\"value\": 44000000, \"unit\": \"t_reo\", \"primary\"",
	    "\"value\": 45000000, \"unit\": \"t_reo\", \"primary\"",
	    "\"agrees\", \"note\": \"matches\"",
	    "\"agrees\" is not what the rule of data/README.md gives against "
	    "the primary figure; expected \"disagrees\"");
	/* an earlier edition's figure makes it outdated, not wrong */
	expect_error("\"value\": 44000000, \"unit\": \"t_reo\", \"primary\": "
	    "{ \"series\": \"reserves\", \"entity\": \"CN\", \"year\": 2024 }",
	    "\"value\": 3300000, \"unit\": \"t_reo\", \"primary\": "
	    "{ \"series\": \"reserves\", \"entity\": \"CN\", \"year\": 2024, "
	    "\"earlier\": [\"cn-part\"] }", "\"agrees\", \"note\": \"matches\"",
	    "expected \"outdated\"");
	expect_error("\"measure\": \"capacity\", ", "", "\"different_basis\"",
	    "expected \"agrees\"");
	/* without a primary only unverified or different_basis */
	expect_error("\"primary\": null, \"verdict\": \"unverified\"",
	    "\"primary\": null, \"verdict\": \"agrees\"", NULL,
	    "\"agrees\" needs a primary figure to be measured against");
	expect_error("\"primary\": null, \"verdict\": \"unverified\", ",
	    "\"primary\": null, ", "{ \"id\": \"c3\"",
	    "missing field \"verdict\"");
	expect_error("\"year\": 2024 }, \"verdict\": \"agrees\"",
	    "\"year\": 2024, \"earlier\": [\"nope\"] }, \"verdict\": "
	    "\"agrees\"", "\"nope\"", "figure \"nope\" is not defined");
}

/* A share of the world as the primary: 44 of 71.9 Mt listed. */
static void
test_primary_as_share(void **state)
{
	const struct source *src;
	const struct unit *u;
	const char *measure;
	struct model *m;
	struct diags d;
	double v;
	char *text;

	(void)state;
	text = harness_replace(mini, "\"value\": 44000000, \"unit\": "
	    "\"t_reo\", \"primary\": { \"series\": \"reserves\", \"entity\": "
	    "\"CN\", \"year\": 2024 }, \"verdict\": \"agrees\"", "\"value\": "
	    "60, \"unit\": \"pct\", \"primary\": { \"series\": \"reserves\", "
	    "\"entity\": \"CN\", \"year\": 2024, \"as\": \"share\" }");
	diags_init(&d);
	m = data_parse(MINI, text, strlen(text), &d);
	if (m == NULL)
		diags_print(&d, stderr);
	assert_non_null(m);
	assert_int_equal(claim_primary(&m->claims[0], &v, &u, &measure,
	    &src), 0);
	/* the base of a lower-bound total is the listed sum, 90 Mt here */
	assert_true(fabs(v - 100.0 * 44 / 90) < 1e-9);
	assert_null(u);
	assert_int_equal(m->claims[0].verdict, VERDICT_DISAGREES);
	model_free(m);
	diags_free(&d);
	free(text);
}

static const char prev_edition[] =
    "\"totals\": [\n        { \"year\": 2024, \"value\": 90000000, "
    "\"qualifier\": \"more_than\", \"rounding\": 0 }\n      ],\n"
    "      \"previous\": { \"source\": \"press\", \"observations\": [\n"
    "        { \"entity\": \"CN\", \"year\": 2023, \"value\": 44000000 },\n"
    "        { \"entity\": \"BR\", \"year\": 2023, \"value\": 21000000 },\n"
    "        { \"entity\": \"IN\", \"year\": 2023, \"value\": 6000000 }\n"
    "      ], \"totals\": [ { \"year\": 2023, \"value\": 110000000, "
    "\"qualifier\": \"more_than\", \"rounding\": 0 } ] }";

/* A series keeps its previous edition, checked like the current one. */
static void
test_previous_edition(void **state)
{
	struct model *m;
	struct diags d;
	char *text;

	(void)state;
	text = harness_replace(mini, "\"totals\": [\n        { \"year\": 2024, "
	    "\"value\": 90000000, \"qualifier\": \"more_than\", \"rounding\": "
	    "0 }\n      ]", prev_edition);
	diags_init(&d);
	m = data_parse(MINI, text, strlen(text), &d);
	if (m == NULL)
		diags_print(&d, stderr);
	assert_non_null(m);
	assert_non_null(m->series[0].previous);
	assert_string_equal(m->series[0].previous->source->id, "press");
	assert_true(series_is_snapshot(m->series[0].previous,
	    &m->series[0]));
	assert_true(series_counterpart(m->series[0].previous, &m->series[0],
	    "IN", 2024)->value == 6000000);
	assert_null(m->series[1].previous);
	model_free(m);
	diags_free(&d);
	free(mini);
	mini = text;
	/* the same checks as an edition of its own */
	expect_error("\"value\": 6000000 }", "\"value\": -1 }", NULL,
	    "series[0].previous.observations[2].value");
	expect_error("\"source\": \"press\", \"observations\"",
	    "\"source\": \"usgs\", \"observations\"", NULL,
	    "is the series' own source; expected the source of the previous "
	    "edition");
	expect_error("\"entity\": \"IN\", \"year\": 2023",
	    "\"entity\": \"BR\", \"year\": 2023", NULL,
	    "second observation for entity \"BR\" in 2023");
	free(mini);
	mini = harness_read(MINI);
}

/* What a status became when its end passed, and when it lapsed. */
static void
test_status_at(void **state)
{
	const char *until;
	struct model *m;
	struct diags d;
	int lapsed;
	char *text;

	(void)state;
	diags_init(&d);
	m = data_parse(MINI, mini, strlen(mini), &d);
	assert_non_null(m);
	assert_int_equal(control_status_at(&m->controls[1], "2026-11-10",
	    &until, &lapsed), CONTROL_SUSPENDED);
	assert_string_equal(until, "2026-11-10");
	assert_false(lapsed);
	control_status_at(&m->controls[1], "2026-11-11", &until, &lapsed);
	assert_true(lapsed);
	control_status_at(&m->controls[0], "2099-01-01", &until, &lapsed);
	assert_null(until);
	assert_false(lapsed);
	model_free(m);
	text = harness_replace(mini, "\"until\": \"2026-11-10\",", "\"until\": "
	    "\"2026-11-10\", \"then\": { \"status\": \"in_force\", \"from\": "
	    "\"2026-11-10\", \"source\": \"usgs\" },");
	m = data_parse(MINI, text, strlen(text), &d);
	assert_non_null(m);
	assert_int_equal(control_status_at(&m->controls[1], "2026-12-04",
	    &until, &lapsed), CONTROL_IN_FORCE);
	assert_null(until);
	assert_false(lapsed);
	model_free(m);
	diags_free(&d);
	free(text);
	expect_error("\"until\": \"2026-11-10\",", "\"until\": \"2026-11-10\", "
	    "\"then\": { \"status\": \"in_force\", \"from\": \"2026-11-01\", "
	    "\"source\": \"usgs\" },", "\"2026-11-01\"", "2026-11-01 is before "
	    "the status it follows ends (2026-11-10)");
	expect_error("\"elements\": [\"Dy\"], \"status\": \"in_force\",",
	    "\"elements\": [\"Dy\"], \"status\": \"in_force\", \"then\": "
	    "{ \"status\": \"lifted\", \"from\": \"2026-01-01\", \"source\": "
	    "\"usgs\" },", "\"then\"", "expected it only with \"until\"");
}

/* regen check's warnings: a status lapsed at as_of, an old as_of. */
static void
test_warn_dates(void **state)
{
	struct model *m;
	struct diags d, w;
	char *text, *at, *lc;

	(void)state;
	diags_init(&d);
	diags_init(&w);
	m = data_parse(MINI, mini, strlen(mini), &d);
	assert_non_null(m);
	assert_int_equal(data_warn_dates(m, "2026-01-31", &w), 0);
	assert_int_equal(data_warn_dates(m, "2026-02-01", &w), 1);
	lc = harness_linecol(mini, "\"2025-01-31\"");
	at = xasprintf(MINI ":%s: warning: as_of 2025-01-31 is more than a "
	    "year before today (2026-02-01); the dataset may be out of date",
	    lc);
	assert_string_equal(w.msgs[0], at);
	free(lc);
	free(at);
	model_free(m);
	diags_free(&w);
	diags_init(&w);
	text = harness_replace(mini, "\"2025-01-31\"", "\"2026-12-04\"");
	m = data_parse(MINI, text, strlen(text), &d);
	assert_non_null(m);
	assert_int_equal(data_warn_dates(m, "2026-12-04", &w), 1);
	assert_non_null(strstr(w.msgs[0], "warning: export_controls "
	    "\"ann-57\": its status (suspended) ends on 2026-11-10, before "
	    "the dataset's as_of 2026-12-04"));
	model_free(m);
	diags_free(&w);
	diags_free(&d);
	free(text);
}

static void
test_bundled_dataset(void **state)
{
	struct model *m;
	struct diags d;
	int code;

	(void)state;
	diags_init(&d);
	m = data_load("data/rare_earths.json", &d, &code);
	if (m == NULL)
		diags_print(&d, stderr);
	assert_non_null(m);
	assert_int_equal(code, EXIT_OK);
	/* anchors from USGS MCS 2026, and MCS 2025 as the previous edition */
	assert_true(series_obs(model_series(m, "reserves"), "CN",
	    2025)->value == 44000000);
	assert_true(series_obs(model_series(m, "reserves"), "BR",
	    2025)->value == 11000000);
	assert_true(series_obs(model_series(m, "mine-production"), "US",
	    2025)->value == 51000);
	assert_true(series_total(model_series(m, "mine-production"),
	    2024)->value == 380000);
	assert_true(series_total(model_series(m, "mine-production")->previous,
	    2024)->value == 390000);
	assert_true(series_obs(model_series(m, "reserves")->previous, "BR",
	    2024)->value == 21000000);
	assert_true(m->ncontrols >= 4);
	assert_true(m->nclaims >= 10);
	model_free(m);
	diags_free(&d);
}

static void
test_syntax_error(void **state)
{
	(void)state;
	expect_error("\"value\": 21000000", "\"value\": 21000000, ,",
	    ", }", "JSON syntax: expected a key in double quotes");
	expect_error("\"value\": 21000000", "\"value\": 21000000 \"x\"",
	    "\"x\"", "JSON syntax: expected ',' or '}', got '\"x\"");
	expect_error("\"Brazil\"", "'Brazil'", "'Brazil'",
	    "JSON syntax: expected a JSON value");
}

static void
test_truncated(void **state)
{
	char *text = xstrdup(mini);
	struct diags d;

	(void)state;
	text[strlen(text) / 2] = '\0';
	diags_init(&d);
	assert_null(data_parse(MINI, text, strlen(text), &d));
	assert_true(diags_has(&d, "got end of file"));
	diags_free(&d);
	free(text);
}

static void
test_trailing_garbage(void **state)
{
	char *text = xasprintf("%sxyz\n", mini);
	struct diags d;
	char *lc = harness_linecol(text, "xyz"), *want;

	(void)state;
	want = xasprintf(MINI ":%s: JSON syntax: expected end of file after the top-level value", lc);
	diags_init(&d);
	assert_null(data_parse(MINI, text, strlen(text), &d));
	assert_true(diags_has(&d, want));
	diags_free(&d);
	free(text);
	free(lc);
	free(want);
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	expect_error("\"Brazil\"", "\"Bra\xff" "zil\"", "\xff",
	    "invalid UTF-8");
}

static void
test_empty_file(void **state)
{
	struct diags d;

	(void)state;
	diags_init(&d);
	assert_null(data_parse(MINI, "", 0, &d));
	assert_true(diags_has(&d, MINI ":1:1: JSON syntax: expected a JSON value"));
	diags_free(&d);
}

static void
test_deep_nesting(void **state)
{
	struct buf b;
	struct diags d;
	int i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "[");
	diags_init(&d);
	assert_null(data_parse(MINI, b.data, b.len, &d));
	assert_true(diags_has(&d, "nesting deeper than"));
	diags_free(&d);
	buf_free(&b);
}

static void
test_duplicate_key(void **state)
{
	(void)state;
	expect_error("\"title\": \"Test dataset\"",
	    "\"title\": \"Test dataset\", \"title\": \"Again\"",
	    "\"title\": \"Again\"", "duplicate key \"title\"");
}

static void
test_wrong_type(void **state)
{
	(void)state;
	expect_error("\"value\": 21000000", "\"value\": \"21 Mt\"",
	    "\"21 Mt\"", "series[0].observations[1].value: expected a "
	    "non-negative number, got string \"21 Mt\"");
}

static void
test_missing_field(void **state)
{
	(void)state;
	expect_error("\"publisher\": \"USGS\", ", "", NULL,
	    "sources[0]: missing required field \"publisher\"");
}

static void
test_unknown_field(void **state)
{
	(void)state;
	expect_error("\"kind\": \"mass\"", "\"kind\": \"mass\", \"colour\": 1",
	    "\"colour\"", "units[0]: unknown field \"colour\"");
}

static void
test_negative_number(void **state)
{
	(void)state;
	expect_error("\"value\": 6900000", "\"value\": -6900000", "-6900000",
	    "expected a non-negative number, got -6900000");
}

static void
test_number_out_of_range(void **state)
{
	(void)state;
	expect_error("\"value\": 6900000", "\"value\": 1e400", "1e400",
	    "number out of range");
	expect_error("\"value\": 6900000", "\"value\": 9007199254740993",
	    "9007199254740993", "number out of range");
}

static void
test_nan_as_string(void **state)
{
	(void)state;
	expect_error("\"value\": 6900000", "\"value\": \"NaN\"", "\"NaN\"",
	    "got string \"NaN\"");
}

static void
test_share_out_of_range(void **state)
{
	(void)state;
	expect_error("\"share\": 69.2", "\"share\": 169.2", "169.2",
	    "value_chain[0].share: expected a share from 0 to 100, got 169.2");
	expect_error("\"share\": 69.2", "\"share\": -1", "-1,",
	    "expected a non-negative number");
}

static void
test_duplicate_id(void **state)
{
	(void)state;
	expect_error("{ \"id\": \"press\"", "{ \"id\": \"usgs\"",
	    "\"usgs\", \"kind\": \"press\"", "duplicate id \"usgs\"");
	expect_error("{ \"id\": \"IN\"", "{ \"id\": \"BR\"",
	    "\"BR\", \"name\": \"India\"", "duplicate id \"BR\"");
}

static void
test_undefined_entity(void **state)
{
	(void)state;
	expect_error("{ \"entity\": \"IN\"", "{ \"entity\": \"XX\"", "\"XX\"",
	    "entity \"XX\" is not defined");
}

static void
test_undefined_source(void **state)
{
	(void)state;
	expect_error("\"unit\": \"t_reo\", \"source\": \"usgs\"",
	    "\"unit\": \"t_reo\", \"source\": \"nowhere\"", "\"nowhere\"",
	    "source \"nowhere\" is not defined");
}

static void
test_undefined_unit(void **state)
{
	(void)state;
	expect_error("\"unit\": \"t_reo\", \"source\": \"usgs\"",
	    "\"unit\": \"kg\", \"source\": \"usgs\"", "\"kg\"",
	    "unit \"kg\" is not defined");
}

static void
test_undefined_element(void **state)
{
	(void)state;
	expect_error("[\"Dy\"]", "[\"Dy\", \"Xx\"]", "\"Xx\"",
	    "element \"Xx\" is not defined");
}

static void
test_claim_without_primary(void **state)
{
	(void)state;
	expect_error("\"entity\": \"CN\", \"year\": 2024 }, \"verdict\"",
	    "\"entity\": \"CN\", \"year\": 2020 }, \"verdict\"", NULL,
	    "has no observation for \"CN\" in 2020");
}

static void
test_total_smaller_than_parts(void **state)
{
	(void)state;
	expect_error("\"value\": 390000", "\"value\": 290000", "290000",
	    "total 290000 for 2024 is smaller than the sum of its parts, "
	    "302100");
}

static void
test_na_needs_note(void **state)
{
	(void)state;
	expect_error("\"value\": null, \"note\": \"NA\"", "\"value\": null",
	    "null", "null (not available) needs a \"note\"");
}

static void
test_duplicate_observation(void **state)
{
	(void)state;
	expect_error("{ \"entity\": \"IN\", \"year\": 2024",
	    "{ \"entity\": \"BR\", \"year\": 2024", NULL,
	    "second observation for entity \"BR\" in 2024");
}

static void
test_bad_enum(void **state)
{
	(void)state;
	expect_error("\"status\": \"in_force\"", "\"status\": \"active\"",
	    "\"active\"", "expected one of \"in_force\", \"suspended\", "
	    "\"lifted\", got \"active\"");
}

static void
test_bad_date(void **state)
{
	(void)state;
	expect_error("\"date\": \"2025-04-04\"", "\"date\": \"4 April 2025\"",
	    "\"4 April", "expected a date YYYY-MM-DD, got \"4 April 2025\"");
}

static void
test_bad_year(void **state)
{
	(void)state;
	expect_error("\"year\": 2023, \"value\": 255000",
	    "\"year\": 2023.5, \"value\": 255000", "2023.5",
	    "expected a whole number, got 2023.5");
}

static void
test_empty_series(void **state)
{
	char *a = harness_replace(mini, "\"observations\": [",
	    "\"observations\": [], \"x_obs\": [");
	struct diags d;

	(void)state;
	diags_init(&d);
	assert_null(data_parse(MINI, a, strlen(a), &d));
	assert_true(diags_has(&d, "observations is empty"));
	diags_free(&d);
	free(a);
}

static void
test_nul_escape(void **state)
{
	(void)state;
	expect_error("\"China\"", "\"Chi\\u0000na\"", "\\u0000",
	    "string contains \\u0000");
}

static void
test_all_errors_listed(void **state)
{
	char *a = harness_replace(mini, "\"value\": 6900000", "\"value\": -1");
	char *b = harness_replace(a, "\"share\": 69.2", "\"share\": 101");
	struct diags d;

	(void)state;
	diags_init(&d);
	assert_null(data_parse(MINI, b, strlen(b), &d));
	assert_true(d.total >= 2);
	assert_true(diags_has(&d, "share from 0 to 100"));
	assert_true(diags_has(&d, "non-negative"));
	diags_free(&d);
	free(a);
	free(b);
}

static void
test_missing_file(void **state)
{
	struct diags d;
	int code = 0;

	(void)state;
	diags_init(&d);
	assert_null(data_load("tests/data/no-such-file.json", &d, &code));
	assert_int_equal(code, EXIT_NOINPUT);
	assert_true(diags_has(&d, "no-such-file.json: cannot read dataset: "
	    "No such file or directory"));
	diags_free(&d);
}

static void
test_unknown_entity_does_not_crash(void **state)
{
	(void)state;
	/* the claim's primary points at CN; an unresolved row elsewhere
	 * must not be followed */
	expect_error("{ \"entity\": \"BR\", \"year\": 2024",
	    "{ \"entity\": \"XX\", \"year\": 2024", "\"XX\"",
	    "entity \"XX\" is not defined");
}

static void
test_strict_json_numbers_and_strings(void **state)
{
	(void)state;
	expect_error("\"value\": 6900000", "\"value\": 06900000",
	    "06900000", "JSON syntax: expected no leading zero");
	expect_error("\"value\": 6900000", "\"value\": 6900000.X",
	    "X }", "JSON syntax: expected a digit, got 'X");
	expect_error("\"China\"", "\"Chi\tna\"", "\tna",
	    "JSON syntax: expected a character allowed in a string");
	/* a bad escape is named at the backslash, not as bad UTF-8 */
	expect_error("\"China\"", "\"Chi\\\xc3\xa9na\"", "\xc3\xa9na",
	    "JSON syntax: expected an escape");
}

static void
test_null_for_optional_field(void **state)
{
	(void)state;
	expect_error("\"date\": \"2025-01\", \"lang\": \"en\"",
	    "\"date\": \"2025-01\", \"url\": null, \"lang\": \"en\"",
	    "null, \"lang", "sources[0].url: expected a string, got null");
}

static void
test_impossible_dates(void **state)
{
	(void)state;
	expect_error("\"date\": \"2025-04-04\"", "\"date\": \"2025-02-31\"",
	    "\"2025-02-31", "expected a date YYYY-MM-DD, got \"2025-02-31\"");
	expect_error("\"as_of\": \"2025-01-31\"", "\"as_of\": \"2025-+1-31\"",
	    "\"2025-+1", "expected a date YYYY-MM-DD");
}

static void
test_rules_between_fields(void **state)
{
	(void)state;
	expect_error("\"qualifier\": \"more_than\", \"rounding\": 0",
	    "\"qualifier\": \"more_than\", \"rounding\": 5", "5 }",
	    "rounding: expected 0 for an \"more_than\" total");
	expect_error("{ \"id\": \"c1\", \"source\": \"press\"",
	    "{ \"id\": \"c1\", \"source\": \"usgs\"", "\"usgs\", \"quote",
	    "is not a press source");
	expect_error("\"unit\": \"t_reo\", \"source\": \"usgs\"",
	    "\"unit\": \"pct\", \"source\": \"usgs\"", "\"pct\", \"source",
	    "unit \"pct\" is a percentage");
	expect_error("\"highlight\": \"CN\",", "", NULL,
	    "missing required field \"highlight\"");
}

static void
test_bom_column(void **state)
{
	char *text = xasprintf("\xEF\xBB\xBF{\"format\": 1}");
	struct diags d;

	(void)state;
	diags_init(&d);
	assert_null(data_parse(MINI, text, strlen(text), &d));
	/* the mark is not a character: "1" is the 12th */
	assert_true(diags_has(&d, MINI ":1:12: format"));
	diags_free(&d);
	free(text);
}

static void
test_many_errors_stay_fast(void **state)
{
	struct buf b;
	struct diags d;
	size_t i;

	(void)state;
	/* 50,000 bad rows: every one counted, only the first DIAG_MAX
	 * located (locating each would be quadratic) */
	buf_init(&b);
	buf_adds(&b, "{\"units\": [");
	for (i = 0; i < 50000; i++)
		buf_printf(&b, "%s{\"id\": 1}", i ? "," : "");
	buf_adds(&b, "]}");
	diags_init(&d);
	assert_null(data_parse(MINI, b.data, b.len, &d));
	assert_int_equal(d.n, DIAG_MAX);
	assert_true(d.total > 50000);
	diags_free(&d);
	buf_free(&b);
}

/* figures: optional, each checked like the other records. */
static void
test_figures(void **state)
{
	char *old, *cut;
	struct model *m;
	struct diags d;

	(void)state;
	diags_init(&d);
	m = data_parse(MINI, mini, strlen(mini), &d);
	assert_non_null(m);
	assert_int_equal(m->nfigures, 3);
	assert_string_equal(model_figure(m, "cn-part")->entity->id, "CN");
	assert_int_equal(model_figure(m, "cn-part")->year, 2024);
	assert_true(model_figure(m, "cn-part")->value == 3300000);
	assert_string_equal(model_figure(m, "reliance")->unit->id, "pct");
	assert_null(model_figure(m, "reliance")->entity);
	assert_null(model_figure(m, "reliance")->note);
	assert_string_equal(model_figure(m, "ore")->source->id, "press");
	assert_null(model_figure(m, "none"));
	model_free(m);
	diags_free(&d);

	/* a dataset from before figures existed still loads */
	old = xstrdup(mini);
	cut = strstr(old, ",\n  \"figures\"");
	assert_non_null(cut);
	strcpy(cut, "\n}\n");
	diags_init(&d);
	m = data_parse(MINI, old, strlen(old), &d);
	assert_non_null(m);
	assert_int_equal(m->nfigures, 0);
	model_free(m);
	diags_free(&d);
	free(old);

	expect_error("\"value\": 80, \"unit\": \"pct\"",
	    "\"value\": \"80 %\", \"unit\": \"pct\"", "\"80 %\"",
	    "figures[1].value: expected a number, got string \"80 %\"");
	/* a quantity may not be negative; a percentage may (a change) */
	expect_error("\"value\": 3300000, \"unit\": \"t_reo\"",
	    "\"value\": -3300000, \"unit\": \"t_reo\"", "-3300000",
	    "figures[0].value: expected a non-negative number, got -3300000");
	expect_error("\"unit\": \"pct\", \"source\": \"usgs\", \"subject\": "
	    "\"Net", "\"unit\": \"percent\", \"source\": \"usgs\", "
	    "\"subject\": \"Net", "\"percent\", \"source",
	    "figures[1].unit: unit \"percent\" is not defined");
	expect_error("\"source\": \"press\", \"subject\": \"An ore",
	    "\"source\": \"gulf-news\", \"subject\": \"An ore", "\"gulf-news\"",
	    "figures[2].source: source \"gulf-news\" is not defined");
	expect_error("\"entity\": \"CN\", \"source\": \"usgs\", \"subject\"",
	    "\"entity\": \"AU\", \"source\": \"usgs\", \"subject\"", "\"AU\"",
	    "figures[0].entity: entity \"AU\" is not defined");
	expect_error("\"year\": 2024, \"entity\": \"CN\", \"source\": \"usgs\", "
	    "\"subject\"", "\"year\": 24, \"entity\": \"CN\", \"source\": "
	    "\"usgs\", \"subject\"", "24, \"entity\": \"CN\", \"source\": "
	    "\"usgs\", \"subject\"", "figures[0].year: expected a year from "
	    "1900 to 2100, got 24");
	expect_error("\"subject\": \"Net import reliance\", ", "",
	    "{ \"id\": \"reliance\"", "figures[1]: missing required field "
	    "\"subject\"");
	expect_error("\"subject_zh\": \"矿石量\"",
	    "\"subject_zh\": \"矿石量\", \"qualifier\": \"about\"",
	    "\"qualifier\": \"about", "figures[2]: unknown field "
	    "\"qualifier\"");
	expect_error("{ \"id\": \"ore\"", "{ \"id\": \"reliance\"",
	    "\"reliance\", \"value\": 694000000",
	    "figures[2]: duplicate id \"reliance\"");
	expect_error("\"figures\": [", "\"figures\": {}, \"x\": [", "{}",
	    "figures: expected an array, got an object");
}

/* Replace node (in the tree rooted at root) by a value of another type. */
static cJSON *
wrong_type_for(const cJSON *node)
{
	if (cJSON_IsString(node))
		return cJSON_CreateNumber(7);
	if (cJSON_IsNumber(node))
		return cJSON_CreateString("7");
	if (cJSON_IsBool(node))
		return cJSON_CreateString("yes");
	if (cJSON_IsNull(node))
		return cJSON_CreateObject();
	if (cJSON_IsArray(node))
		return cJSON_CreateString("list");
	return cJSON_CreateNumber(1);
}

/* Visit every value below node: replace it, check, put it back. */
static size_t
mutate_all(cJSON *root, cJSON *node)
{
	cJSON *c, *orig, *repl;
	size_t n = 0, i = 0;
	char key[128];

	for (c = node->child; c != NULL; c = c->next, i++) {
		n += mutate_all(root, c);
		orig = cJSON_Duplicate(c, 1);
		/* cJSON frees the replacement's own key: keep a copy */
		snprintf(key, sizeof(key), "%s", c->string ? c->string : "");
		repl = wrong_type_for(c);
		if (cJSON_IsArray(node))
			cJSON_ReplaceItemInArray(node, (int)i, repl);
		else
			cJSON_ReplaceItemInObjectCaseSensitive(node, key, repl);
		{
			char *text = cJSON_Print(root);
			struct diags d;
			struct model *m;

			diags_init(&d);
			m = data_parse(MINI, text, strlen(text), &d);
			if (m != NULL)
				fail_msg("accepted a wrong type at \"%s\" "
				    "(item %zu)", key, i);
			assert_true(d.n > 0);
			diags_free(&d);
			free(text);
		}
		if (cJSON_IsArray(node))
			cJSON_ReplaceItemInArray(node, (int)i, orig);
		else
			cJSON_ReplaceItemInObjectCaseSensitive(node, key, orig);
		/* the list changed under us: find our place again */
		c = cJSON_GetArrayItem(node, (int)i);
		n++;
	}
	return n;
}

static void
test_wrong_types_everywhere(void **state)
{
	cJSON *root = cJSON_Parse(mini);
	size_t n;

	(void)state;
	assert_non_null(root);
	n = mutate_all(root, root);
	/* every value of the mini dataset (185 of them) */
	if (n < 185)
		fail_msg("only %zu values visited", n);
	cJSON_Delete(root);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_mini),
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_claim_matches),
		cmocka_unit_test(test_verdict_rule),
		cmocka_unit_test(test_primary_as_share),
		cmocka_unit_test(test_previous_edition),
		cmocka_unit_test(test_status_at),
		cmocka_unit_test(test_warn_dates),
		cmocka_unit_test(test_bundled_dataset),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_trailing_garbage),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_missing_field),
		cmocka_unit_test(test_unknown_field),
		cmocka_unit_test(test_negative_number),
		cmocka_unit_test(test_number_out_of_range),
		cmocka_unit_test(test_nan_as_string),
		cmocka_unit_test(test_share_out_of_range),
		cmocka_unit_test(test_duplicate_id),
		cmocka_unit_test(test_undefined_entity),
		cmocka_unit_test(test_undefined_source),
		cmocka_unit_test(test_undefined_unit),
		cmocka_unit_test(test_undefined_element),
		cmocka_unit_test(test_claim_without_primary),
		cmocka_unit_test(test_total_smaller_than_parts),
		cmocka_unit_test(test_na_needs_note),
		cmocka_unit_test(test_duplicate_observation),
		cmocka_unit_test(test_bad_enum),
		cmocka_unit_test(test_bad_date),
		cmocka_unit_test(test_bad_year),
		cmocka_unit_test(test_empty_series),
		cmocka_unit_test(test_nul_escape),
		cmocka_unit_test(test_all_errors_listed),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_unknown_entity_does_not_crash),
		cmocka_unit_test(test_strict_json_numbers_and_strings),
		cmocka_unit_test(test_null_for_optional_field),
		cmocka_unit_test(test_impossible_dates),
		cmocka_unit_test(test_rules_between_fields),
		cmocka_unit_test(test_bom_column),
		cmocka_unit_test(test_many_errors_stay_fast),
		cmocka_unit_test(test_wrong_types_everywhere),
	};

	return cmocka_run_group_tests_name("data", tests, setup, teardown);
}
