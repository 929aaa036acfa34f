/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal test reporting for the guest test programs. Each program runs
 * its checks, prints "ok N - what" / "not ok N - what" per check and ends
 * with "# N passed, N failed"; the exit status is 1 if any check failed.
 * The programs are ordinary static x86_64 Linux programs: they pass on a
 * native kernel too, which is how their expectations were checked.
 */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

static int tap_n, tap_failed;

static void __attribute__((format(printf, 2, 3))) tap_check(int ok, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	if (!ok)
		tap_failed++;
	printf("%sok %d - ", ok ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

#define CHECK(cond, ...) tap_check(!!(cond), __VA_ARGS__)

static int tap_done(void)
{
	printf("# %d passed, %d failed\n", tap_n - tap_failed, tap_failed);
	fflush(stdout);
	return tap_failed ? 1 : 0;
}

#endif
