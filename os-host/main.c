// SPDX-License-Identifier: GPL-2.0
/*
 * The program's entry point: read the command line, set up guest physical
 * memory and the host side of the devices, then hand over to the kernel.
 *
 * Every argument is part of the kernel command line (so /proc/cmdline shows
 * it), the classic way: "mem=256M initrd=root.cpio.gz init=/bin/sh". The
 * options the host itself acts on are checked here, before anything boots:
 * a malformed one, or an argument that looks like a program option but is
 * none ("--foo"), is one line on stderr and exit status 2.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/utsname.h>
#include <generated/utsrelease.h>

#include "host-priv.h"

#define PORT_VERSION "0.1"

char **host_argv;

static const char usage_text[] =
"Usage: linux [OPTION=VALUE | KERNEL-PARAMETER]...\n"
"Boot the Linux kernel " UTS_RELEASE " as an ordinary program (user-mode port).\n"
"\n"
"Every argument also goes on the kernel command line (/proc/cmdline).\n"
"Options the host acts on:\n"
"  mem=SIZE          guest RAM, with K, M or G suffix (default " CONFIG_UM_DEFAULT_MEM ")\n"
"  initrd=FILE       initramfs to unpack as the root file system (cpio,\n"
"                    plain or gzip-compressed)\n"
"  um_backend=NAME   how guest processes run: seccomp (the default where the\n"
"                    host allows it) or ptrace\n"
"  um_procs=N        guest processes (each a host process) at most at once\n"
"                    (default: a quarter of the host's limits)\n"
"  con=SPEC          every console line not set otherwise\n"
"  conN=SPEC         console line N (0-7), seen by the guest as /dev/ttyN;\n"
"                    SPEC is  fd:IN,fd:OUT | fd:N | null\n"
"                    (default con0=fd:0,fd:1, others null). A terminal on\n"
"                    con0 is put in raw mode and restored on every exit.\n"
"Kernel options checked here:\n"
"  root=DEV  init=PATH  loglevel=0..15  quiet  console=NAME\n"
"  (any other NAME=VALUE or word goes to the kernel unchanged)\n"
"Program options:\n"
"  --help            show this text and exit\n"
"  --version         show the kernel and port versions and exit\n"
"\n"
"Exit status: 0 after poweroff or halt in the guest, 1 after a kernel\n"
"panic, 2 for a bad command line, 128+N when ended by host signal N.\n"
"SIGTERM, SIGINT or SIGHUP ask the guest to shut down; a second one ends\n"
"it at once.\n";

static void vmessage(const char *fmt, va_list ap)
{
	char buf[512];
	int n;

	n = snprintf(buf, sizeof(buf), "linux: ");
	n += vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	host_error_write(buf, n);
}

void host_die_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	exit(HOST_EXIT_USAGE);
}

void host_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	host_exit(1);
}

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

/* Settings the host acts on, gathered from the arguments. */
static struct {
	unsigned long long ram;
	const char *initrd;
	int initrd_fd;
	unsigned long procs;
} opts;

static void opt_mem(const char *arg, const char *val)
{
	unsigned long long v;

	if (host_parse_size(val, &v))
		host_die_usage("%s: not a size (write e.g. mem=256M)", arg);
	if (v < (16ULL << 20))
		host_die_usage("%s: too little memory (at least 16M)", arg);
	if (v > (512ULL << 30))
		host_die_usage("%s: too much memory (at most 512G)", arg);
	opts.ram = v;
}

static void opt_initrd(const char *arg, const char *val)
{
	if (opts.initrd)
		close(opts.initrd_fd);
	opts.initrd_fd = host_open_regular("initrd", val);
	opts.initrd = val;
}

static void opt_backend(const char *arg, const char *val)
{
	if (host_user_backend_option(val))
		host_die_usage("%s: no such backend (seccomp or ptrace)", arg);
}

static void opt_procs(const char *arg, const char *val)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(val, &end, 10);
	if (!isdigit((unsigned char)*val) || *end || errno || v < 4 || v > 1000000)
		host_die_usage("%s: not a process count (4 to 1000000)", arg);
	opts.procs = v;
}

static void opt_con(const char *arg, const char *val, int line)
{
	char err[160];

	if (host_con_option(line, val, err, sizeof(err)))
		host_die_usage("%s: %s", arg, err);
}

static void opt_loglevel(const char *arg, const char *val)
{
	char *end;
	long v = strtol(val, &end, 10);

	if (!*val || *end || v < 0 || v > 15)
		host_die_usage("%s: not a log level (0 to 15)", arg);
}

static void opt_nonempty(const char *arg, const char *val)
{
	if (!*val)
		host_die_usage("%s: empty value", arg);
}

/* One argument: act on it if it is ours; it goes to the kernel in any case. */
static void parse_arg(const char *arg)
{
	const char *eq = strchr(arg, '=');
	size_t klen = eq ? (size_t)(eq - arg) : strlen(arg);
	const char *val = eq ? eq + 1 : NULL;

#define IS(name) (klen == strlen(name) && !strncmp(arg, name, klen))
	if (arg[0] == '-')
		host_die_usage("unknown option '%s' (see linux --help)", arg);
	if (!klen)
		host_die_usage("'%s': empty option name", arg);
	if (!val) {
		if (IS("mem") || IS("initrd") || IS("con") || IS("root") ||
		    IS("init") || IS("loglevel") || IS("console") ||
		    IS("um_backend") || IS("um_procs"))
			host_die_usage("%s: needs a value (%s=...)", arg, arg);
		return;
	}
	if (IS("mem"))
		opt_mem(arg, val);
	else if (IS("initrd"))
		opt_initrd(arg, val);
	else if (IS("um_backend"))
		opt_backend(arg, val);
	else if (IS("um_procs"))
		opt_procs(arg, val);
	else if (IS("con"))
		opt_con(arg, val, -1);
	else if (klen == 4 && !strncmp(arg, "con", 3) && arg[3] >= '0' &&
		 arg[3] < '0' + HOST_CON_LINES)
		opt_con(arg, val, arg[3] - '0');
	else if (klen > 3 && !strncmp(arg, "con", 3) && isdigit((unsigned char)arg[3]))
		host_die_usage("%s: no such console line (con0 to con%d)", arg,
			       HOST_CON_LINES - 1);
	else if (IS("loglevel"))
		opt_loglevel(arg, val);
	else if (IS("root") || IS("init") || IS("console"))
		opt_nonempty(arg, val);
#undef IS
}

/* The kernel command line: the arguments, quoted where they hold spaces. */
static char *join_cmdline(int argc, char **argv)
{
	size_t len = 1;
	char *s, *p;
	int i;

	for (i = 1; i < argc; i++)
		len += strlen(argv[i]) + 3;
	s = p = malloc(len);
	if (!s)
		host_die("out of memory");
	*p = '\0';
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *eq = strchr(a, '=');

		if (p != s)
			*p++ = ' ';
		if (strchr(a, ' ') && eq)
			p += sprintf(p, "%.*s\"%s\"", (int)(eq - a + 1), a, eq + 1);
		else if (strchr(a, ' '))
			p += sprintf(p, "\"%s\"", a);
		else
			p += sprintf(p, "%s", a);
	}
	if (p - s >= 4096)
		host_die_usage("the command line is longer than 4095 bytes");
	return s;
}

/* What the guest's /proc/cpuinfo shows: the host CPU it really runs on. */
static void read_host_cpu(struct host_boot_info *info)
{
	static char model[128], vendor[32], flags[2048];
	char line[4096];
	unsigned int a, b, c, d;
	FILE *f;

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
	info->elf_hwcap = d;
	/* What the host lets user code do, the guest's code can do too. */
	info->elf_hwcap2 = getauxval(AT_HWCAP2);
	info->cpu_family = ((a >> 8) & 0xf) + (((a >> 8) & 0xf) == 0xf ? (a >> 20) & 0xff : 0);
	info->cpu_model_nr = ((a >> 4) & 0xf) | (((a >> 8) & 0xf) >= 6 ? ((a >> 16) & 0xf) << 4 : 0);
	info->cpu_stepping = a & 0xf;
	info->cpu_model = "unknown";
	info->cpu_vendor = "unknown";
	info->cpu_flags = "";
	f = fopen("/proc/cpuinfo", "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *v = strchr(line, ':');
		size_t l;

		if (!v)
			continue;
		v++;
		while (*v == ' ')
			v++;
		l = strcspn(v, "\n");
		v[l] = '\0';
		if (!strncmp(line, "model name", 10) && !model[0])
			snprintf(model, sizeof(model), "%s", v);
		else if (!strncmp(line, "vendor_id", 9) && !vendor[0])
			snprintf(vendor, sizeof(vendor), "%s", v);
		else if (!strncmp(line, "flags", 5) && !flags[0])
			snprintf(flags, sizeof(flags), "%s", v);
		else if (!strncmp(line, "cpu MHz", 7) && !info->cpu_mhz)
			info->cpu_mhz = strtoul(v, NULL, 10);
	}
	fclose(f);
	if (model[0])
		info->cpu_model = model;
	if (vendor[0])
		info->cpu_vendor = vendor;
	info->cpu_flags = flags;
}

int main(int argc, char **argv)
{
	static struct host_boot_info info;
	static struct utsname uts;
	int i;

	host_argv = argv;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (!strcmp(argv[i], "--version")) {
			printf("linux %s (user-mode port %s, x86_64)\n",
			       UTS_RELEASE, PORT_VERSION);
			return 0;
		}
	}

	if (host_parse_size(CONFIG_UM_DEFAULT_MEM, &opts.ram))
		host_die_usage("bad built-in default memory size");
	for (i = 1; i < argc; i++)
		parse_arg(argv[i]);

	info.cmdline = join_cmdline(argc, argv);
	uname(&uts);
	info.host_release = uts.release;
	info.host_machine = uts.machine;
	read_host_cpu(&info);

	host_con_prepare();
	host_mem_setup(opts.ram, &info);
	host_user_setup(&info, opts.procs);
	if (opts.initrd)
		host_mem_load_initrd(opts.initrd_fd, opts.initrd, &info);
	if (host_signals_init())
		host_die("cannot install signal handlers");
	host_drop_privileges();

	kernel_boot(&info);
}
