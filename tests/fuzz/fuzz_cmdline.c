// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: the command-line parser (os-host/options.c) and the option
 * parsers it calls (the console lines' conN=, the disks' ubdN=, the
 * network interfaces' ethN=). The input is the argument list, one
 * argument per line. Whatever it is, the parser must either
 * accept it with settings in range or refuse it with a one-line message,
 * and never crash, hang or read out of bounds (ASan, UBSan).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host-priv.h"

/* What the console's host half needs besides its option parser; never
 * called by it. */
void host_die_usage(const char *fmt, ...) { abort(); }
void host_die(const char *fmt, ...) { abort(); }
void host_term_make_raw(int fd) { abort(); }
void host_raise_irq(int irq) { abort(); }
int host_thread_start(void (*fn)(void *), void *arg) { abort(); }
char **host_argv;

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *argv[MAX_ARGS + 2], err[512] = "";
	struct host_options o = { .ram = 128ULL << 20 };
	int argc = 1;
	size_t i;

	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[0] = "linux";
	argv[argc++] = buf;
	for (i = 0; i < size && argc <= MAX_ARGS; i++)
		if (buf[i] == '\n') {
			buf[i] = '\0';
			argv[argc++] = buf + i + 1;
		}
	argv[argc] = NULL;

	if (host_parse_args(argc, argv, &o, err, sizeof(err)) == 0) {
		if (o.ram < (16ULL << 20) || o.ram > (512ULL << 30))
			abort();
		if (o.procs && (o.procs < 4 || o.procs > 1000000))
			abort();
		if (!o.cmdline || strlen(o.cmdline) >= 4096)
			abort();
		if (o.backend && strcmp(o.backend, "seccomp") && strcmp(o.backend, "ptrace"))
			abort();
		free(o.cmdline);
	} else {
		/* one line, not empty, and about the arguments given */
		if (!err[0] || strchr(err, '\n'))
			abort();
	}
	free(buf);
	return 0;
}
