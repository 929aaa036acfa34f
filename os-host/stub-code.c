// SPDX-License-Identifier: GPL-2.0
/*
 * The stub: code that runs inside every guest process's host process.
 *
 * It is compiled position-independent, its sections renamed to .um_stub
 * (see the Makefile, which also checks that it needs nothing from outside),
 * and copied to the top of the host address space at boot; a new guest
 * process starts as a fork of the kernel process that jumps here and throws
 * away everything else (stub_child_main). It uses no C library and no
 * memory outside its region: no globals, no strings, no calls out.
 *
 * This file is the start common to both backends and the ptrace backend's
 * part: under ptrace the stub only ever runs when the kernel sends it to
 * carry out mapping operations (stub_run_ops), and in its SIGSEGV handler,
 * which reports the error code of a page fault of guest code (stub_segv).
 * The seccomp backend's part is stub-seccomp.c.
 *
 * A guest process can write the stub's data pages and jump into its code.
 * Neither gives it anything: under ptrace its system calls are stopped
 * before the host acts on them, wherever they are made, and what the
 * kernel reads back from the stub's page only describes a fault of the
 * guest's own.
 */
#include <stddef.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <linux/sched.h>

#include "stub-sys.h"

#ifndef MREMAP_FIXED
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2
#endif

void stub_restorer(void);
__asm__(".pushsection .text,\"ax\"\n"
	".globl stub_restorer\n"
	".hidden stub_restorer\n"
	"stub_restorer:\n"		/* handlers never return: this is never used */
	"	ud2\n"
	".popsection\n");

static void stub_segv(int sig, void *info, void *uc);

/* The ptrace backend's start: a SIGSEGV handler, then stop for the tracer. */
static void __attribute__((noreturn)) stub_ptrace_start(void)
{
	unsigned long base = stub_base();
	struct stub_sigaction sa = { 0 };
	unsigned long none = 0;
	struct {
		void *sp;
		int flags;
		size_t size;
	} ss = { (void *)(base + STUB_SIGSTACK), 0, STUB_SIGSTACK_SIZE };

	sys(__NR_sigaltstack, &ss, 0, 0, 0);
	sa.handler = (void *)stub_segv;
	sa.flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER | SA_RESTORER;
	sa.restorer = (void *)stub_restorer;
	sys(__NR_rt_sigaction, SIGSEGV, &sa, 0, 8);
	sys(__NR_rt_sigprocmask, SIG_SETMASK, &none, 0, 8);

	if (sys(__NR_ptrace, PTRACE_TRACEME, 0, 0, 0) ||
	    stub_install_filter(STUB_FILTER_PTRACE))
		sys(__NR_exit_group, 3, 0, 0, 0);

	/* Ready: the kernel takes over from this trap. */
	stub_trap_forever();
}

/*
 * The part every new guest process runs, wherever it came from: drop the
 * zygote's page, map the pages shared with the kernel (the seccomp
 * backend's second one read-only), then the backend's start.
 */
static void __attribute__((noreturn)) stub_begin(long backend, unsigned long data_phys)
{
	const struct stub_config *cfg = stub_cfg();
	unsigned long base = stub_base(), len = cfg->data_pages * STUB_PAGE_SIZE;

	sys(__NR_munmap, base + STUB_ZYGOTE, STUB_PAGE_SIZE, 0, 0);
	if (len > STUB_DATA_MAX ||
	    sys6(__NR_mmap, base + STUB_DATA, len, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, cfg->phys_fd, data_phys) != (long)(base + STUB_DATA) ||
	    (backend && sys(__NR_mprotect, base + STUB_DATA + STUB_PAGE_SIZE,
			     STUB_PAGE_SIZE, PROT_READ, 0)))
		sys(__NR_exit_group, 2, 0, 0, 0);
	if (backend)
		stub_seccomp_start();
	stub_ptrace_start();
}

/* The parent-death signal, and the parent still the kernel process. */
STUB_INLINE void stub_tie_to(long ppid)
{
	if (sys(__NR_prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0) ||
	    sys(__NR_getppid, 0, 0, 0, 0) != ppid)
		sys(__NR_exit_group, 1, 0, 0, 0);
}

/*
 * The zygote's loop: wait for an order, fork (the child is the kernel
 * process's, CLONE_PARENT), report the child's pid, wait again.
 */
static void __attribute__((noreturn)) stub_zygote(long ppid)
{
	struct stub_zygote *z = (void *)(stub_base() + STUB_ZYGOTE);
	unsigned int last = 0, seq;
	unsigned long data_phys;
	long pid, kind;

	for (;;) {
		sys(__NR_futex, &z->seq, 0 /* FUTEX_WAIT */, last, 0);
		seq = __atomic_load_n(&z->seq, __ATOMIC_ACQUIRE);
		if (seq == last)
			continue;
		last = seq;
		/* Read before the fork: the page is shared, the next order may come at once. */
		kind = __atomic_load_n(&z->kind, __ATOMIC_RELAXED);
		data_phys = __atomic_load_n(&z->data_phys, __ATOMIC_RELAXED);
		pid = sys(__NR_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0);
		if (!pid) {
			stub_tie_to(ppid);
			stub_begin(kind, data_phys);
		}
		z->pid = pid;
		__atomic_store_n(&z->done, seq, __ATOMIC_RELEASE);
		sys(__NR_futex, &z->done, 1 /* FUTEX_WAKE */, 1, 0);
	}
}

/*
 * A new process forked from the kernel process: called on the stub stack
 * right after the fork (os-host/user.c), with what it is to be (0 a ptrace
 * guest process, 1 a seccomp one, 2 the zygote), the physical address of
 * the pages it shares with the kernel and the kernel process's pid. It
 * throws away everything of the kernel process but the stub region.
 */
void stub_child_main(long kind, unsigned long data_phys, long ppid);

void stub_child_main(long kind, unsigned long data_phys, long ppid)
{
	const struct stub_config *cfg = stub_cfg();
	unsigned long base = stub_base();
	long fd = cfg->phys_fd;
	unsigned long i;

	stub_tie_to(ppid);
	sys(__NR_setsid, 0, 0, 0, 0);
	if (fd > 0)
		sys(__NR_close_range, 0, fd - 1, 0, 0);
	sys(__NR_close_range, fd + 1, ~0U, 0, 0);

	/* The host's vDSO into the region (read-only there), where the guest's finds it. */
	for (i = 0; i < cfg->host_vdso_parts && i < STUB_HOST_VDSO_PARTS; i++) {
		unsigned long to = base + STUB_HOST_VDSO +
				   (cfg->host_vdso_start[i] - cfg->host_vdso_start[0]);

		if (sys6(__NR_mremap, cfg->host_vdso_start[i], cfg->host_vdso_len[i],
			 cfg->host_vdso_len[i], MREMAP_MAYMOVE | MREMAP_FIXED, to, 0) != (long)to)
			sys(__NR_exit_group, 2, 0, 0, 0);
	}

	/* Nothing of the kernel process stays: only the stub region. */
	sys(__NR_munmap, 0, base, 0, 0);
	sys(__NR_munmap, base + STUB_REGION, cfg->top - (base + STUB_REGION), 0, 0);

	if (sys(__NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0))
		sys(__NR_exit_group, 3, 0, 0, 0);
	if (kind == 2)
		stub_zygote(ppid);
	stub_begin(kind, data_phys);
}

/* Entered by jump from the clone child: arguments in r13, r14, r15. */
__asm__(".pushsection .text,\"ax\"\n"
	".globl stub_child_entry\n"
	".hidden stub_child_entry\n"
	"stub_child_entry:\n"
	"	movq %r13, %rdi\n"
	"	movq %r14, %rsi\n"
	"	movq %r15, %rdx\n"
	"	xorl %ebp, %ebp\n"
	"	call stub_child_main\n"
	"	int3\n"
	".popsection\n");

/*
 * Carry out the first n mapping operations of the command page, mapping
 * from descriptor fd, then trap. Both come in registers from the kernel:
 * guest code can write the page, but not these. The guest's protection
 * keys may deny the page: they are opened for the run and put back.
 */
void stub_run_ops(long fd, unsigned long n)
{
	struct stub_ptrace_page *page = stub_data(0);
	unsigned int i, pkeys = stub_open_pkeys();
	long r = 0;

	if (n > STUB_PTRACE_OPS)
		n = 0;
	for (i = 0; i < n; i++) {
		struct stub_op *op = &page->ops[i];

		switch (op->kind) {
		case STUB_OP_MMAP:
			r = sys6(__NR_mmap, op->addr, op->len, op->prot,
				 MAP_SHARED | MAP_FIXED, fd, op->offset);
			if (r == (long)op->addr)
				r = 0;
			break;
		case STUB_OP_MUNMAP:
			r = sys(__NR_munmap, op->addr, op->len, 0, 0);
			break;
		case STUB_OP_MPROTECT:
			r = sys(__NR_mprotect, op->addr, op->len, op->prot, 0);
			break;
		default:
			r = -22;
		}
		if (r)
			break;
	}
	page->done = i;
	page->error = r;
	stub_restore_pkeys(pkeys);
	stub_trap_forever();
}

/*
 * A page fault of guest code. The kernel has the guest's registers from
 * the tracer's view already; it wants what only the signal frame holds:
 * the error code (read, write or fetch) and the trap number. It never
 * lets this handler return. Since the host gave the handler a fresh FPU
 * state, the guest's is put back first, from the signal frame.
 */
static void stub_segv(int sig, void *info, void *ucp)
{
	struct stub_ptrace_page *page = stub_data(0);
	unsigned long *uc = ucp;
	/* ucontext: uc_flags, uc_link, uc_stack (3 words), then mcontext */
	unsigned long *gregs = uc + 5;
	void *fpstate = (void *)gregs[STUB_NGREGS];

	page->fault_err = gregs[19];		/* REG_ERR */
	page->fault_trapno = gregs[20];		/* REG_TRAPNO */
	if (fpstate) {
		if (uc[0] & 0x1)		/* UC_FP_XSTATE: an XSAVE image */
			__asm__ volatile("xrstor64 (%0)" : : "r"(fpstate),
					 "a"((unsigned int)stub_cfg()->xfeatures),
					 "d"((unsigned int)(stub_cfg()->xfeatures >> 32))
					 : "memory");
		else
			__asm__ volatile("fxrstor64 (%0)" : : "r"(fpstate) : "memory");
	}
	stub_trap_forever();
}
