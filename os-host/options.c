// SPDX-License-Identifier: GPL-2.0
/*
 * The command line: every argument is part of the kernel command line
 * (so /proc/cmdline shows it), the classic way: "mem=256M initrd=root.cpio.gz
 * init=/bin/sh". The options the host itself acts on are checked here,
 * before anything boots; a malformed one, or an argument that looks like a
 * program option but is none ("--foo"), is an error with a one-line message.
 *
 * Nothing here touches the host beyond memory: files are opened by main()
 * afterwards. So the parser can run on its own, as the fuzz target in
 * tests/fuzz/ does.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host-priv.h"

int host_parse_size(const char *s, unsigned long long *out)
{
	unsigned long long v, mult = 1;
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno)
		return -1;
	switch (toupper((unsigned char)*end)) {
	case 'T': mult <<= 10; /* fall through */
	case 'G': mult <<= 10; /* fall through */
	case 'M': mult <<= 10; /* fall through */
	case 'K': mult <<= 10; end++; break;
	case '\0': break;
	default: return -1;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end || (v && mult > ~0ULL / v))
		return -1;
	*out = v * mult;
	return 0;
}

struct parse {
	struct host_options *o;
	char *err;
	size_t errlen;
};

/* The message, kept to one line whatever the arguments it quotes hold. */
static int __attribute__((format(printf, 2, 3))) fail(struct parse *p, const char *fmt, ...)
{
	va_list ap;
	char *c;

	va_start(ap, fmt);
	vsnprintf(p->err, p->errlen, fmt, ap);
	va_end(ap);
	for (c = p->err; *c; c++)
		if ((unsigned char)*c < ' ' || *c == 0x7f)
			*c = '?';
	return -1;
}

static int opt_mem(struct parse *p, const char *arg, const char *val)
{
	unsigned long long v;

	if (host_parse_size(val, &v))
		return fail(p, "%s: not a size (write e.g. mem=256M)", arg);
	if (v < (16ULL << 20))
		return fail(p, "%s: too little memory (at least 16M)", arg);
	if (v > (512ULL << 30))
		return fail(p, "%s: too much memory (at most 512G)", arg);
	p->o->ram = v;
	return 0;
}

static int opt_initrd(struct parse *p, const char *arg, const char *val)
{
	if (!*val)
		return fail(p, "%s: no file named", arg);
	p->o->initrd = val;
	return 0;
}

static int opt_backend(struct parse *p, const char *arg, const char *val)
{
	if (strcmp(val, "seccomp") && strcmp(val, "ptrace"))
		return fail(p, "%s: no such backend (seccomp or ptrace)", arg);
	p->o->backend = val;
	return 0;
}

static int opt_procs(struct parse *p, const char *arg, const char *val)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(val, &end, 10);
	if (!isdigit((unsigned char)*val) || *end || errno || v < 4 || v > 1000000)
		return fail(p, "%s: not a process count (4 to 1000000)", arg);
	p->o->procs = v;
	return 0;
}

static int opt_con(struct parse *p, const char *arg, const char *val, int line)
{
	char err[160];

	if (host_con_option(line, val, err, sizeof(err)))
		return fail(p, "%s: %s", arg, err);
	return 0;
}

static int opt_ubd(struct parse *p, const char *arg, size_t klen, const char *val)
{
	char err[160];

	if (host_blk_option(arg + 3, klen - 3, val, err, sizeof(err)))
		return fail(p, "%.*s: %s", (int)klen, arg, err);
	return 0;
}

static int opt_eth(struct parse *p, const char *arg, size_t klen, const char *val)
{
	char err[200];
	char *end;
	long n;

	n = strtol(arg + 3, &end, 10);
	if (end != arg + klen || !isdigit((unsigned char)arg[3]) || klen > 5 ||
	    n >= HOST_NET_IFACES)
		return fail(p, "%.*s: no such interface (eth0 to eth%d)", (int)klen, arg,
			    HOST_NET_IFACES - 1);
	if (host_net_option(n, val, err, sizeof(err)))
		return fail(p, "%.*s: %s", (int)klen, arg, err);
	return 0;
}

static int opt_loglevel(struct parse *p, const char *arg, const char *val)
{
	char *end;
	long v = strtol(val, &end, 10);

	if (!*val || *end || v < 0 || v > 15)
		return fail(p, "%s: not a log level (0 to 15)", arg);
	return 0;
}

/* One argument: act on it if it is ours; it goes to the kernel in any case. */
static int parse_arg(struct parse *p, const char *arg)
{
	static const char *const need_value[] = {
		"mem", "initrd", "con", "root", "init", "loglevel", "console",
		"um_backend", "um_procs",
	};
	const char *eq = strchr(arg, '=');
	size_t klen = eq ? (size_t)(eq - arg) : strlen(arg), i;
	const char *val = eq ? eq + 1 : NULL;

#define IS(name) (klen == strlen(name) && !strncmp(arg, name, klen))
	if (!strcmp(arg, "--snapshot")) {
		p->o->snapshot = 1;
		return 0;
	}
	if (arg[0] == '-')
		return fail(p, "unknown option '%s' (see linux --help)", arg);
	if (!klen)
		return fail(p, "'%s': empty option name", arg);
	if (!val) {
		if (klen > 3 && !strncmp(arg, "ubd", 3))
			return fail(p, "%s: needs a file (%s=FILE)", arg, arg);
		if (klen > 3 && !strncmp(arg, "eth", 3) && isdigit((unsigned char)arg[3]))
			return fail(p, "%s: needs a transport (%s=TRANSPORT,...)", arg, arg);
		for (i = 0; i < sizeof(need_value) / sizeof(need_value[0]); i++)
			if (IS(need_value[i]))
				return fail(p, "%s: needs a value (%s=...)", arg, arg);
		return 0;
	}
	if (IS("mem"))
		return opt_mem(p, arg, val);
	if (IS("initrd"))
		return opt_initrd(p, arg, val);
	if (IS("um_backend"))
		return opt_backend(p, arg, val);
	if (IS("um_procs"))
		return opt_procs(p, arg, val);
	if (IS("con"))
		return opt_con(p, arg, val, -1);
	if (klen == 4 && !strncmp(arg, "con", 3) && arg[3] >= '0' &&
	    arg[3] < '0' + HOST_CON_LINES)
		return opt_con(p, arg, val, arg[3] - '0');
	if (klen > 3 && !strncmp(arg, "con", 3) && isdigit((unsigned char)arg[3]))
		return fail(p, "%s: no such console line (con0 to con%d)", arg,
			    HOST_CON_LINES - 1);
	if (klen > 3 && !strncmp(arg, "ubd", 3))
		return opt_ubd(p, arg, klen, val);
	if (klen > 3 && !strncmp(arg, "eth", 3) && isdigit((unsigned char)arg[3]))
		return opt_eth(p, arg, klen, val);
	if (IS("loglevel"))
		return opt_loglevel(p, arg, val);
	if ((IS("root") || IS("init") || IS("console")) && !*val)
		return fail(p, "%s: empty value", arg);
	return 0;
#undef IS
}

/* The kernel command line: the arguments, quoted where they hold spaces. */
static int join_cmdline(struct parse *p, int argc, char **argv)
{
	size_t len = 1;
	char *s, *q;
	int i;

	for (i = 1; i < argc; i++)
		len += strlen(argv[i]) + 3;
	s = q = malloc(len);
	if (!s)
		return fail(p, "out of memory");
	*q = '\0';
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *eq = strchr(a, '=');

		if (!strcmp(a, "--snapshot"))	/* the program's, not the kernel's */
			continue;

		if (q != s)
			*q++ = ' ';
		if (strchr(a, ' ') && eq)
			q += sprintf(q, "%.*s\"%s\"", (int)(eq - a + 1), a, eq + 1);
		else if (strchr(a, ' '))
			q += sprintf(q, "\"%s\"", a);
		else
			q += sprintf(q, "%s", a);
	}
	if (q - s >= 4096) {
		free(s);
		return fail(p, "the command line is longer than 4095 bytes");
	}
	p->o->cmdline = s;
	return 0;
}

int host_parse_args(int argc, char **argv, struct host_options *o, char *err, size_t errlen)
{
	struct parse p = { o, err, errlen };
	int i;

	for (i = 1; i < argc; i++)
		if (parse_arg(&p, argv[i]))
			return -1;
	return join_cmdline(&p, argc, argv);
}
