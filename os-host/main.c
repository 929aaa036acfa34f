// SPDX-License-Identifier: GPL-2.0
/*
 * The program's entry point: read the command line (options.c), set up
 * guest physical memory and the host side of the devices, then hand over
 * to the kernel. A bad command line is one line on stderr and exit status 2.
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
"  ubdN[FLAGS]=FILE[,BACKING][,SERIAL]\n"
"                    disk N (0-15 or a-p) on a host file or block device,\n"
"                    seen as /dev/ubda.. with its partitions. With BACKING,\n"
"                    FILE is a copy-on-write file over it (classic UML COW\n"
"                    format, made when missing; a COW file given alone is\n"
"                    known by its header); BACKING is never written. FLAGS:\n"
"                    r read-only (on the host too), s synchronous writes,\n"
"                    d data (never taken for a COW file), c shared (no\n"
"                    lock; by default a written image is locked against\n"
"                    other programs), t no TRIM, f accept a COW file's\n"
"                    backing file that changed. SERIAL shows in sysfs.\n"
"  ethN=TRANSPORT,...\n"
"                    network interface N (0-15), eth0.. in the guest:\n"
"                    tuntap,IFNAME[,MAC]   an existing host TAP interface\n"
"                                          (ip tuntap add IFNAME mode tap),\n"
"                                          with checksum and TSO offload\n"
"                    daemon,[MAC],unix,SOCKET\n"
"                                          a port of uml_switch -unix SOCKET\n"
"                    mcast,[MAC],[ADDR],[PORT],[TTL]\n"
"                                          a LAN of every guest on one UDP\n"
"                                          multicast group (default\n"
"                                          239.192.168.1,1102,1)\n"
"                    vde,[SWITCH][,MAC]    a port of a VDE switch (a vde_switch\n"
"                                          -s directory or a VDE URL), through\n"
"                                          libvdeplug in the um-vde program\n"
"                    slirp[,hostfwd=PROTO:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT]...\n"
"                                          user-mode networking (libslirp, in\n"
"                                          the um-slirp program next to this\n"
"                                          one): outbound TCP/UDP, DHCP\n"
"                                          (10.0.2.15), DNS 10.0.2.3, the host\n"
"                                          as 10.0.2.2; no root needed\n"
"                    MAC: xx:xx:xx:xx:xx:xx; by default one made from N and\n"
"                    the command line, the same on every boot.\n"
"Kernel options checked here:\n"
"  root=DEV  init=PATH  loglevel=0..15  quiet  console=NAME\n"
"  (any other NAME=VALUE or word goes to the kernel unchanged)\n"
"Program options:\n"
"  --help            show this text and exit\n"
"  --version         show the kernel and port versions and exit\n"
"  --snapshot        writes to every disk not flagged r go to a throwaway\n"
"                    COW file with no name: the images stay as they are\n"
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
	static struct host_options opts;
	static struct utsname uts;
	char err[512];
	int i, initrd_fd = -1;

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
	if (host_parse_args(argc, argv, &opts, err, sizeof(err)))
		host_die_usage("%s", err);
	if (opts.backend && host_user_backend_option(opts.backend))
		host_die_usage("um_backend=%s: no such backend", opts.backend);
	if (opts.initrd)
		initrd_fd = host_open_regular("initrd", opts.initrd);

	info.cmdline = opts.cmdline;
	uname(&uts);
	info.host_release = uts.release;
	info.host_machine = uts.machine;
	read_host_cpu(&info);

	host_con_prepare();
	host_blk_prepare(opts.snapshot);
	host_net_prepare();
	host_mem_setup(opts.ram, &info);
	host_user_setup(&info, opts.procs);
	if (opts.initrd)
		host_mem_load_initrd(initrd_fd, opts.initrd, &info);
	if (host_signals_init())
		host_die("cannot install signal handlers");
	host_drop_privileges();

	kernel_boot(&info);
}
