/*
 * Unit tests of the up-to-date stamp: a run is fresh only when its key
 * and every file it wrote are unchanged.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#include "output.h"
#include "stamp.h"

static char dir[] = "/tmp/regen-stamp-XXXXXX";

static int
setup(void **state)
{
	(void)state;
	return harness_mkdtemp(dir);
}

static int
teardown(void **state)
{
	(void)state;
	return harness_rmtree(dir);
}

/* Write path (under dir) with text and record it in the stamp. */
static void
put(struct stamp *s, struct out_batch *b, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name), *err = NULL;

	assert_int_not_equal(out_stage(b, path, text, strlen(text), &err),
	    OUT_ERROR);
	stamp_add(s, path, text, strlen(text));
	free(path);
}

/* A run of kind "test" with key that writes a.txt and b.txt. */
static void
run_once(uint64_t key, const char *a)
{
	struct out_batch *b = out_batch_new();
	struct stamp *s = stamp_new(dir, "test", key);
	char *err = NULL;

	put(s, b, "a.txt", a);
	put(s, b, "b.txt", "bee");
	assert_int_equal(stamp_stage(s, b, &err), 0);
	assert_int_equal(out_commit(b, &err), 0);
	out_batch_free(b);
	stamp_free(s);
}

static int
fresh(uint64_t key)
{
	struct stamp *s = stamp_new(dir, "test", key);
	int f = stamp_fresh(s);

	stamp_free(s);
	return f;
}

static void
test_fresh_until_something_changes(void **state)
{
	char *path = xasprintf("%s/a.txt", dir);
	FILE *fp;

	(void)state;
	assert_false(fresh(42));		/* never run */
	run_once(42, "ay");
	assert_true(fresh(42));
	assert_false(fresh(43));		/* another key: inputs changed */
	/* a damaged output makes the run stale */
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("damaged", fp);
	fclose(fp);
	assert_false(fresh(42));
	run_once(42, "ay");
	assert_true(fresh(42));
	/* so does a missing one */
	assert_int_equal(unlink(path), 0);
	assert_false(fresh(42));
	free(path);
}

/*
 * An output changed in place, at its size, is caught by its content
 * hash alone; the stamp records that hash as util_hash of the bytes.
 */
static void
test_same_size_change(void **state)
{
	char *path = xasprintf("%s/a.txt", dir);
	char *stamp = xasprintf("%s/.regen-test.stamp", dir), *line;
	char want[64];
	struct buf b;
	FILE *fp;

	(void)state;
	run_once(42, "ay");
	assert_true(fresh(42));
	buf_init(&b);
	assert_int_equal(util_read_file(stamp, 1 << 20, &b), 0);
	snprintf(want, sizeof(want), "%016llx 2 ",
	    (unsigned long long)util_hash(UTIL_HASH_SEED, "ay", 2));
	line = strstr(b.data, want);
	assert_non_null(line);
	buf_free(&b);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("az", fp);
	fclose(fp);
	assert_false(fresh(42));
	run_once(42, "ay");
	assert_true(fresh(42));
	free(stamp);
	free(path);
}

/* Runs of other kinds keep their own records in the same folder. */
static void
test_kinds_apart(void **state)
{
	struct stamp *s;

	(void)state;
	run_once(7, "ay");
	s = stamp_new(dir, "other", 7);
	assert_false(stamp_fresh(s));
	stamp_free(s);
	assert_true(fresh(7));
}

/* The hashes: the same input the same value, any change another. */
static void
test_hashes(void **state)
{
	char *path = xasprintf("%s/h.txt", dir);
	uint64_t h0, h1;
	FILE *fp;

	(void)state;
	assert_true(stamp_hash_str(1, "a") == stamp_hash_str(1, "a"));
	assert_true(stamp_hash_str(1, "a") != stamp_hash_str(1, "b"));
	assert_true(stamp_hash_str(1, "a") != stamp_hash_str(2, "a"));
	/* a string's end is hashed: "ab" is not "a" then "b" */
	assert_true(stamp_hash_str(stamp_hash_str(1, "a"), "b") !=
	    stamp_hash_str(1, "ab"));
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("one", fp);
	fclose(fp);
	h0 = stamp_hash_file(1, path);
	assert_true(h0 == stamp_hash_file(1, path));
	fp = fopen(path, "w");
	fputs("two", fp);
	fclose(fp);
	h1 = stamp_hash_file(1, path);
	assert_true(h0 != h1);
	unlink(path);
	/* a missing file still hashes, to something else */
	assert_true(stamp_hash_file(1, path) != h1);
	assert_true(stamp_hash_identity(1, path) ==
	    stamp_hash_identity(1, path));
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fresh_until_something_changes),
		cmocka_unit_test(test_same_size_change),
		cmocka_unit_test(test_kinds_apart),
		cmocka_unit_test(test_hashes),
	};

	return cmocka_run_group_tests_name("stamp", tests, setup, teardown);
}
