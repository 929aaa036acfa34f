/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the two userspace backends (user-ptrace.c, user-seccomp.c) share
 * with the common part (user.c): the per-address-space state, the batch
 * of mapping operations, the stub's start, and decoding a host signal
 * into a trap for the kernel.
 */
#ifndef UM_USER_PRIV_H
#define UM_USER_PRIV_H

#include <signal.h>
#include "host-priv.h"
#include "stub.h"

#define PAGE_SZ		4096UL
#define KICK_SIGNAL	SIGVTALRM	/* the kernel stops a running guest with it */

/*
 * One address space's host process. Nothing the kernel relies on is kept
 * in the pages guest code can write: the count of queued operations, the
 * batch number and the host ids live here.
 */
struct host_mm {
	int pid;			/* the host process; 0 once reaped */
	int dead;			/* 0, or the signal the guest task dies of */
	unsigned int nops;		/* operations queued */
	int cpu;			/* host CPU it is kept on, -1 if none */
	void *data;			/* its shared pages, in the direct map */
	struct stub_op *ops;		/* where operations are queued */
	unsigned int max_ops;
	/* seccomp backend */
	int mapper_tid;			/* its mapper thread */
	unsigned int seq;		/* the last batch number given */
	unsigned int fpstate;		/* checked offset of the FPU state in data */
	int kicked;			/* a kick was sent during this run */
	int spin;			/* seccomp: the guest thread is on another CPU */
	unsigned int quick;		/* seccomp: traps since it last slept */
	unsigned long long kick_ns;	/* seccomp: when a kick of this run was sent */
};
_Static_assert(sizeof(struct host_mm) <= HOST_MM_SIZE, "HOST_MM_SIZE too small");

/* One backend: the calls of host.h that differ. */
struct user_backend {
	const char *name;
	int stub_kind;			/* stub_child_main's backend argument */
	void (*setup)(struct host_boot_info *info);
	int (*started)(struct host_mm *hm);	/* after the clone: wait until ready */
	int (*apply)(struct host_mm *hm, unsigned int n);	/* run n queued operations */
	int (*run)(struct host_mm *hm, unsigned long *regs, struct host_trap *trap);
	void (*kick)(struct host_mm *hm);
	int (*get_fpu)(struct host_mm *hm, void *fpu);
	int (*set_fpu)(struct host_mm *hm, const void *fpu);
	void (*affinity)(struct host_mm *hm, int cpu);
};

extern const struct user_backend user_ptrace, user_seccomp;

/* Boot facts both backends use (user.c). */
extern unsigned long user_stub_base, user_hole_end, user_host_top;
extern unsigned long user_fpu_size;	/* bytes of the XSAVE image (0: FXSAVE only) */
extern unsigned long user_frame_fpu_size; /* bytes of it in a host signal frame */
extern int user_have_fsgsbase;
extern unsigned long user_mm_pages;	/* pages shared with each host process */

static inline unsigned long stub_addr(void *sym)
{
	return user_stub_base + ((char *)sym - __um_stub_start);
}

/* The stub's settings, in the kernel process's copy (before it is made read-only). */
struct stub_config *user_stub_config(void);
/* Put a libseccomp filter into the stub's settings (user-filter.c). */
void user_build_filters(struct stub_config *cfg);
/* The host's vDSO for the stubs to move, and where (vdso.c). */
void user_find_host_vdso(struct stub_config *cfg, struct host_boot_info *info);

/* Wait for a stop of a traced child, retrying on EINTR. */
int user_wait_stop(int pid, int *status);
/* The child is gone: note it, and what the guest task dies of. */
void user_reaped(struct host_mm *hm, int status);

/* The host process cannot go on: kill it; its guest task dies of SIGSEGV.
 * Returns -ESRCH. */
int user_broken(struct host_mm *hm);
/* Keep one host thread on one CPU. */
void user_pin(int tid, int cpu);

/* A host signal's trap, decoded the way a native kernel reports it. */
unsigned long user_trap_number(int sig, int code);
int user_is_vsyscall(unsigned long call_addr, long nr);

#endif
