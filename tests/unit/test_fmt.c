/*
 * Unit tests of number formatting and tick choice.
 */
#include <math.h>
#include <string.h>

#include "harness.h"
#include "fmt.h"

static void
check_number(double v, int dec, const char *sep, const char *want)
{
	char out[FMT_MAX];

	fmt_number(out, sizeof(out), v, dec, sep);
	if (strcmp(out, want) != 0)
		fail_msg("fmt_number(%.17g, %d) = \"%s\", want \"%s\"", v, dec,
		    out, want);
}

static void
test_thousands(void **state)
{
	(void)state;
	check_number(0, 0, ",", "0");
	check_number(999, 0, ",", "999");
	check_number(1000, 0, ",", "1,000");
	check_number(270000, 0, ",", "270,000");
	check_number(1234567, 0, ",", "1,234,567");
	check_number(90884500, 0, ",", "90,884,500");
	check_number(1234567, 0, NULL, "1234567");
	check_number(1234567, 0, "\xe2\x80\x89", "1\xe2\x80\x89" "234"
	    "\xe2\x80\x89" "567");
}

static void
test_decimals_and_rounding(void **state)
{
	(void)state;
	check_number(44.0, 1, ",", "44.0");
	check_number(0.89, 2, ",", "0.89");
	check_number(69.23, 1, ",", "69.2");
	check_number(69.25, 1, ",", "69.3");	/* half away from zero */
	check_number(2.5, 0, ",", "3");
	check_number(-2.5, 0, ",", "-3");
	check_number(1234.5, 1, ",", "1,234.5");
	check_number(-1234567.891, 2, ",", "-1,234,567.89");
}

static void
test_no_negative_zero(void **state)
{
	(void)state;
	check_number(-0.0, 0, ",", "0");
	check_number(-0.04, 1, ",", "0.0");
}

static void
test_non_finite(void **state)
{
	(void)state;
	check_number(NAN, 1, ",", "n/a");
	check_number(INFINITY, 0, ",", "overflow");
}

static void
test_auto_decimals(void **state)
{
	(void)state;
	assert_int_equal(fmt_auto_decimals(44.0), 1);
	assert_int_equal(fmt_auto_decimals(0.89), 2);
	assert_int_equal(fmt_auto_decimals(4400), 0);
	assert_int_equal(fmt_auto_decimals(100), 0);
	assert_int_equal(fmt_auto_decimals(0), 0);
}

static void
check_ticks(double max, int count, const double *want, size_t nwant,
    double want_step)
{
	double t[64], step;
	size_t n, i;

	n = fmt_ticks(max, count, t, 64, &step);
	if (n != nwant || fabs(step - want_step) > 1e-9 * want_step)
		fail_msg("fmt_ticks(%g, %d): %zu ticks step %g, want %zu "
		    "step %g", max, count, n, step, nwant, want_step);
	for (i = 0; i < n; i++)
		assert_true(fabs(t[i] - want[i]) < 1e-6 * (want_step + 1));
}

static void
test_ticks(void **state)
{
	(void)state;
	check_ticks(44e6, 8, (double[]){ 0, 1e7, 2e7, 3e7, 4e7 }, 5, 1e7);
	check_ticks(100, 5, (double[]){ 0, 20, 40, 60, 80, 100 }, 6, 20);
	check_ticks(100, 4, (double[]){ 0, 50, 100 }, 3, 50);
	check_ticks(390000, 8, (double[]){ 0, 50000, 100000, 150000, 200000,
	    250000, 300000, 350000 }, 8, 50000);
	check_ticks(0.9, 4, (double[]){ 0, 0.5 }, 2, 0.5);
	check_ticks(7, 10, (double[]){ 0, 1, 2, 3, 4, 5, 6, 7 }, 8, 1);
}

static void
test_ticks_properties(void **state)
{
	double t[64], step, max;
	size_t n, i;
	int count;

	(void)state;
	/* over many ranges: starts at zero, evenly spaced, never past max,
	 * at most count intervals, a 1-2-5 step */
	for (max = 0.013; max < 1e9; max *= 1.37)
		for (count = 1; count <= 10; count++) {
			double mant;

			n = fmt_ticks(max, count, t, 64, &step);
			assert_true(n >= 1);
			assert_true(t[0] == 0);
			assert_true(t[n - 1] <= max * (1 + 1e-9));
			assert_true(n - 1 <= (size_t)count);
			for (i = 1; i < n; i++)
				assert_true(fabs(t[i] - t[i - 1] - step) <
				    step * 1e-9);
			mant = step / pow(10, floor(log10(step) + 1e-12));
			assert_true(fabs(mant - 1) < 1e-9 ||
			    fabs(mant - 2) < 1e-9 || fabs(mant - 5) < 1e-9);
		}
}

static void
test_degenerate_ticks(void **state)
{
	double t[4], step;

	(void)state;
	assert_int_equal(fmt_ticks(0, 5, t, 4, &step), 1);
	assert_true(t[0] == 0);
	assert_int_equal(fmt_ticks(NAN, 5, t, 4, &step), 1);
	/* the cap is respected */
	assert_int_equal(fmt_ticks(1000, 1000, t, 4, &step), 4);
}

static void
test_step_decimals(void **state)
{
	(void)state;
	assert_int_equal(fmt_step_decimals(10), 0);
	assert_int_equal(fmt_step_decimals(0.5), 1);
	assert_int_equal(fmt_step_decimals(0.25), 2);
	assert_int_equal(fmt_step_decimals(0.2), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thousands),
		cmocka_unit_test(test_decimals_and_rounding),
		cmocka_unit_test(test_no_negative_zero),
		cmocka_unit_test(test_non_finite),
		cmocka_unit_test(test_auto_decimals),
		cmocka_unit_test(test_ticks),
		cmocka_unit_test(test_ticks_properties),
		cmocka_unit_test(test_degenerate_ticks),
		cmocka_unit_test(test_step_decimals),
	};

	return cmocka_run_group_tests_name("fmt", tests, NULL, NULL);
}
