/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared by the host-side files only (os-host/ and the host
 * halves of drivers-virt/). Kernel code never includes this.
 */
#ifndef UM_HOST_PRIV_H
#define UM_HOST_PRIV_H

#include <stddef.h>
#include <signal.h>
#include "host.h"

/* Exit status for a bad command line. */
#define HOST_EXIT_USAGE	2

/* Print "linux: <message>" on stderr (only before the kernel runs). */
void host_die_usage(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));
void host_die(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

/* options.c: a size with an optional K/M/G/T suffix; returns 0 or -1 if malformed. */
int host_parse_size(const char *s, unsigned long long *out);

/* Settings the host acts on, gathered from the arguments. */
struct host_options {
	unsigned long long ram;		/* mem= (set to the default before parsing) */
	const char *initrd;		/* initrd=, not opened yet */
	const char *backend;		/* um_backend= */
	unsigned long procs;		/* um_procs=, 0 if not given */
	int snapshot;			/* --snapshot */
	char *cmdline;			/* the kernel command line (allocated) */
};
/* options.c: check every argument (console lines are recorded as a side
 * effect); 0, or -1 with a one-line message in err. */
int host_parse_args(int argc, char **argv, struct host_options *o, char *err, size_t errlen);

/* mem.c: create physical memory, put the image into it, map the direct map. */
void host_mem_setup(unsigned long long ram, struct host_boot_info *info);
/* mem.c: load the file (fd, named path) as the initrd at the top of physical memory. */
void host_mem_load_initrd(int fd, const char *path, struct host_boot_info *info);

/* user.c: find the guest's address range, place the stub, size FPU state,
 * choose the backend; proc_limit: um_procs=, 0 for the default. Needs the
 * physical memory file. */
void host_user_setup(struct host_boot_info *info, unsigned long proc_limit);
/* user.c: um_backend=NAME; -1 if there is no such backend. */
int host_user_backend_option(const char *name);
/* user.c: give up every capability (the end of set-up). */
void host_drop_privileges(void);
/* file.c: open a file a command-line option names for reading, refusing
 * anything but a regular file; dies with a usage error naming opt. */
int host_open_regular(const char *opt, const char *path);

/* signal.c */
pid_t host_kernel_tid(void);
void host_block_all_signals(sigset_t *old);

/* term.c: terminal state kept to be restored on every way out. */
void host_term_make_raw(int fd);
void host_term_restore(void);

/* console lines (drivers-virt/console/host.c) */
#define HOST_CON_LINES 8
/* Check and record one conN=/con= option; returns 0 or -1 with a message in err. */
int host_con_option(int line, const char *spec, char *err, size_t errlen);
/* Open what the recorded options name (called once, before boot). */
void host_con_prepare(void);

/* block devices (drivers-virt/block/host.c) */
/* Check and record one ubdN[flags]= option (name: what follows "ubd");
 * returns 0 or -1 with a message in err. */
int host_blk_option(const char *name, size_t namelen, const char *val,
		    char *err, size_t errlen);
/* Open and lock the files the options name; snapshot: --snapshot was given
 * (writable disks get throwaway COW files). Dies with a usage error. */
void host_blk_prepare(int snapshot);

/* network interfaces (drivers-virt/net/host.c) */
/* Check and record one ethN= option (n: N); 0 or -1 with a message in err. */
int host_net_option(int n, const char *val, char *err, size_t errlen);
/* Open the transports the options name (before boot); dies with a usage error. */
void host_net_prepare(void);

/* The original arguments, for host_reboot(). */
extern char **host_argv;

/* Raw system call without touching errno (used while the image is remapped). */
long host_raw_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

#endif
