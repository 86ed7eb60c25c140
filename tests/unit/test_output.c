/*
 * Unit tests of output: atomic writes, no rewrite when unchanged, and
 * clear failures that leave earlier files alone.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "output.h"

static char dir[] = "/tmp/regen-test-output-XXXXXX";

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

/* No "*.tmp-*" left in the folder. */
static void
assert_no_temporaries(const char *d)
{
	struct dirent *e;
	DIR *dp = opendir(d);

	assert_non_null(dp);
	while ((e = readdir(dp)) != NULL)
		if (strstr(e->d_name, ".tmp-") != NULL)
			fail_msg("temporary %s left behind", e->d_name);
	closedir(dp);
}

static void
test_write_then_unchanged(void **state)
{
	char *p = xasprintf("%s/a.txt", dir), *err = NULL, *back;
	struct stat st1, st2;

	(void)state;
	assert_int_equal(out_write(p, "hello", 5, &err), OUT_WRITTEN);
	assert_int_equal(stat(p, &st1), 0);
	assert_int_equal(out_write(p, "hello", 5, &err), OUT_UNCHANGED);
	assert_int_equal(stat(p, &st2), 0);
	assert_true(st1.st_ino == st2.st_ino);
	assert_true(st1.st_mtim.tv_sec == st2.st_mtim.tv_sec &&
	    st1.st_mtim.tv_nsec == st2.st_mtim.tv_nsec);
	assert_int_equal(out_write(p, "world!", 6, &err), OUT_WRITTEN);
	back = harness_read(p);
	assert_string_equal(back, "world!");
	assert_no_temporaries(dir);
	free(back);
	free(p);
}

static void
test_target_is_folder(void **state)
{
	char *p = xasprintf("%s/sub", dir), *err = NULL;

	(void)state;
	assert_int_equal(mkdir(p, 0755), 0);
	assert_int_equal(out_write(p, "x", 1, &err), OUT_ERROR);
	assert_non_null(strstr(err, "is a folder"));
	assert_no_temporaries(dir);
	free(err);
	free(p);
}

static void
test_full_disk_keeps_old_file(void **state)
{
	char *err = NULL;

	(void)state;
	/* /dev/full: every write fails with ENOSPC; no file of ours to
	 * damage, and the error names the path and the reason */
	if (access("/dev/full", W_OK) != 0)
		skip();
	assert_int_equal(out_mkdirs(NULL, dir, &err), 0);
	assert_int_equal(out_write("/dev/full/x", "x", 1, &err), OUT_ERROR);
	assert_non_null(strstr(err, "/dev/full/x"));
	free(err);
}

static void
test_mkdirs(void **state)
{
	char *p = xasprintf("%s/a/b/c", dir), *f, *err = NULL;
	struct stat st;

	(void)state;
	assert_int_equal(out_mkdirs(NULL, p, &err), 0);
	assert_int_equal(stat(p, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(out_mkdirs(NULL, p, &err), 0);	/* exists: fine */
	f = xasprintf("%s/file", dir);
	assert_int_equal(out_write(f, "x", 1, &err), OUT_WRITTEN);
	free(p);
	p = xasprintf("%s/file/sub", dir);
	assert_int_equal(out_mkdirs(NULL, p, &err), -1);
	assert_non_null(strstr(err, "not a folder"));
	free(err);
	free(f);
	free(p);
}

static void
test_batch_all_or_nothing(void **state)
{
	char *a = xasprintf("%s/a.txt", dir), *sub = xasprintf("%s/new/deep",
	    dir), *f = xasprintf("%s/new/deep/f.txt", dir), *err = NULL;
	char *back, *blocked = xasprintf("%s/blocked", dir);
	struct out_batch *b;
	struct stat st;

	(void)state;
	assert_int_equal(out_write(a, "old", 3, &err), OUT_WRITTEN);
	assert_int_equal(mkdir(blocked, 0755), 0);
	b = out_batch_new();
	assert_int_equal(out_mkdirs(b, sub, &err), 0);
	assert_int_equal(out_stage(b, a, "new", 3, &err), OUT_WRITTEN);
	assert_int_equal(out_stage(b, f, "x", 1, &err), OUT_WRITTEN);
	/* the third file cannot be written: the run gives up */
	assert_int_equal(out_stage(b, blocked, "y", 1, &err), OUT_ERROR);
	free(err);
	out_abort(b);
	out_batch_free(b);
	back = harness_read(a);
	assert_string_equal(back, "old");	/* untouched */
	free(back);
	assert_int_equal(stat(f, &st), -1);	/* never appeared */
	free(sub);
	sub = xasprintf("%s/new", dir);
	assert_int_equal(stat(sub, &st), -1);	/* folders it made: gone */
	assert_no_temporaries(dir);
	/* committed, every file lands */
	b = out_batch_new();
	assert_int_equal(out_stage(b, a, "new", 3, &err), OUT_WRITTEN);
	assert_int_equal(out_commit(b, &err), 0);
	out_batch_free(b);
	back = harness_read(a);
	assert_string_equal(back, "new");
	free(back);
	assert_no_temporaries(dir);
	free(a);
	free(sub);
	free(f);
	free(blocked);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_then_unchanged),
		cmocka_unit_test(test_target_is_folder),
		cmocka_unit_test(test_full_disk_keeps_old_file),
		cmocka_unit_test(test_mkdirs),
		cmocka_unit_test(test_batch_all_or_nothing),
	};

	return cmocka_run_group_tests_name("output", tests, setup, teardown);
}
