/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The stub: the code and pages at the top of every guest process's host
 * address space, above the guest's user range. Shared by the host side
 * (os-host/user*.c) and the stub code (os-host/stub-*.c), which runs inside
 * the guest process and sees nothing else of the program.
 *
 * Layout of the stub region, from its base:
 *   STUB_CODE     the stub's code, then its configuration (read and execute;
 *                 a copy of .um_stub made at boot, then the host's settings)
 *   STUB_DATA     the pages shared with the kernel: guest physical pages
 *                 the kernel gave this address space (HOST_MM_PAGES_MAX)
 *   STUB_STACK    the stub's own stack while it starts
 *   STUB_SIGSTACK the ptrace backend's signal stack
 *   STUB_HOST_VDSO the host's vDSO and its data pages, moved here from
 *                 where the host put them (os-host/vdso.c), read-only: the
 *                 guest's vDSO reads the host clock through them
 *   STUB_ZYGOTE   the zygote's orders (a page shared by the kernel process
 *                 and the zygote only; every other process unmaps it first)
 *
 * Guest code can write every writable page here and jump anywhere into
 * the code. What each backend reads back is checked or only describes the
 * guest's own state (see the backends).
 */
#ifndef UM_STUB_H
#define UM_STUB_H

#include <linux/filter.h>

#define STUB_REGION	(1UL << 20)		/* whole region: 1 MiB */
#define STUB_CODE	0x00000UL
#define STUB_CODE_MAX	0x0c000UL		/* code, then STUB_CONFIG */
#define STUB_CONFIG	0x0c000UL
#define STUB_CONFIG_MAX	0x04000UL
#define STUB_DATA	0x10000UL
#define STUB_DATA_MAX	0x10000UL
#define STUB_STACK	0x20000UL		/* .. +STUB_STACK_SIZE */
#define STUB_STACK_SIZE	0x20000UL
#define STUB_SIGSTACK	0x40000UL
#define STUB_SIGSTACK_SIZE 0x40000UL
#define STUB_HOST_VDSO	0x80000UL
#define STUB_HOST_VDSO_MAX 0x7f000UL
#define STUB_ZYGOTE	0xff000UL

/*
 * The zygote: a process of the stub region alone, which forks new guest
 * processes (as the kernel process's children) on the kernel's orders, so
 * that a new address space does not start as a copy of the whole kernel
 * process. No guest code ever runs in it.
 */
struct stub_zygote {
	unsigned int seq;		/* the kernel: order number; the zygote waits on it */
	unsigned int done;		/* the zygote: last order carried out */
	long kind;			/* the new process's backend (stub_child_main) */
	unsigned long data_phys;	/* its shared pages */
	long pid;			/* the zygote: the new process, or -errno */
};

#define STUB_PAGE_SIZE	4096UL

/* One mapping operation for the stub to carry out. */
enum { STUB_OP_MMAP = 1, STUB_OP_MUNMAP, STUB_OP_MPROTECT };

struct stub_op {
	unsigned int kind;
	int prot;		/* PROT_* */
	unsigned long addr, len;
	unsigned long offset;	/* MMAP: offset in the physical memory file */
};

/*
 * The host's settings, written after the code at boot and read-only in
 * every guest process: what the stub needs to know and must not take from
 * a page guest code can write.
 */
#define STUB_FILTER_MAX	240	/* BPF instructions per filter */
enum { STUB_FILTER_PTRACE, STUB_FILTER_GUEST, STUB_FILTER_MAPPER, STUB_FILTERS };

#define STUB_HOST_VDSO_PARTS 4	/* [vvar], [vvar_vclock], [vdso]... */

#define STUB_CFG_PKU	1	/* the host CPU has protection keys (rdpkru) */

struct stub_config {
	long phys_fd;			/* the physical memory file */
	unsigned long flags;		/* STUB_CFG_* */
	unsigned long hole_end;		/* guest memory: [0, base) and [hole_end, top) */
	unsigned long top;
	unsigned long data_pages;	/* pages mapped at STUB_DATA */
	unsigned long yield_tag[2];	/* the seccomp stub's own sched_yield (rdi, rsi) */
	unsigned long spin_cycles;	/* TSC cycles the guest thread spins before sleeping */
	unsigned long xfeatures;	/* XSAVE components a guest process may use: XRSTOR's mask */
	/* The host's vDSO mappings, each moved to STUB_HOST_VDSO + (start - start[0]). */
	unsigned long host_vdso_parts;
	unsigned long host_vdso_start[STUB_HOST_VDSO_PARTS], host_vdso_len[STUB_HOST_VDSO_PARTS];
	struct sock_fprog prog[STUB_FILTERS];	/* ready for seccomp(2), pointing below */
	struct sock_filter filter[STUB_FILTERS][STUB_FILTER_MAX];
};

/* ----- the ptrace backend: one shared page ----- */

struct stub_ptrace_page {
	/* Filled by the stub's SIGSEGV handler. */
	unsigned long fault_err;	/* x86 page-fault error code */
	unsigned long fault_trapno;
	/* Mapping operations: the host side writes them, the stub runs them. */
	unsigned int done;		/* stub: how many succeeded */
	long error;			/* stub: -errno of the first failure */
	struct stub_op ops[];
};

#define STUB_PTRACE_OPS	((STUB_PAGE_SIZE - sizeof(struct stub_ptrace_page)) / sizeof(struct stub_op))

/* ----- the seccomp backend ----- */

/*
 * Page 1 at STUB_DATA, read-only in the guest process: the mapper
 * thread's orders. Only the kernel writes it.
 */
struct stub_orders {
	unsigned int seq;		/* batch number; the mapper waits on it */
	unsigned int park;		/* where the mapper is moved between batches */
	unsigned int nops;
	unsigned int pad;
	struct stub_op ops[];
};

#define STUB_SECCOMP_OPS ((STUB_PAGE_SIZE - sizeof(struct stub_orders)) / sizeof(struct stub_op))

/* The hand-over word: who has the guest thread now. */
#define STUB_TURN_GUEST		0	/* the guest process (guest code or stub) */
#define STUB_TURN_KERNEL	1	/* the kernel: a trap is reported */
#define STUB_TURN_SLEEP		0x100	/* flag: the waiting side sleeps on the futex */
#define STUB_TURN_CHILD		0x200	/* the kernel's: a child process changed state,
					 * or a kick went out: look again */

/* What the guest thread's handler reports (stub_state.kind). */
enum {
	STUB_EV_READY = 1,	/* set up, waiting for its first run */
	STUB_EV_SIGNAL,		/* a host signal stopped guest code */
	STUB_EV_KICK,		/* the kernel's kick came while the stub ran */
	STUB_EV_BROKEN,		/* the stub itself faulted: it cannot go on */
};

#define STUB_NGREGS 23		/* the x86_64 mcontext gregs */

/* Page 0 at STUB_DATA, writable: the guest thread's hand-over. */
struct stub_state {
	unsigned int turn;		/* STUB_TURN_* */
	unsigned int kick_pending;	/* a kick came while the stub ran */
	unsigned int spin;		/* the kernel's hint: it runs on another CPU, spin */
	unsigned int kind;		/* STUB_EV_* */
	int signo, code, arch;		/* the host signal's siginfo */
	unsigned long addr;		/* si_addr, or si_call_addr for SIGSYS */
	long sysno;			/* si_syscall */
	unsigned long err, trapno;	/* from the signal frame */
	unsigned long fsbase, gsbase;
	unsigned long fpstate;		/* the frame's FPU state, as an offset from STUB_DATA */
	unsigned long gregs[STUB_NGREGS];	/* guest registers, mcontext order */
	unsigned long resume_sp;	/* the stub's stack while it resumes */
	int mapper_tid;			/* written once, before any guest code */
	/* The mapper's report of its last batch. */
	unsigned int done_seq, done;
	long error;
};

/*
 * Signal stack of the guest thread: the pages after the two above. Below
 * it is the read-only page, so that an overflow kills the process instead
 * of writing over the state.
 */
#define STUB_SECCOMP_SIGSTACK	(STUB_DATA + 2 * STUB_PAGE_SIZE)

/* Entry points in the stub code, as offsets from the region's base. */
extern char __um_stub_start[], __um_stub_end[];
void stub_child_entry(void);
void stub_run_ops(long fd, unsigned long n);

#endif
