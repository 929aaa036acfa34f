// SPDX-License-Identifier: GPL-2.0
/*
 * The stub: code that runs inside every guest process's host process.
 *
 * It is compiled position-independent, its sections renamed to .um_stub
 * (see the Makefile, which also checks that it needs nothing from outside),
 * and copied to the top of the host address space at boot; a new guest process
 * starts as a fork of the kernel process that jumps here and throws away
 * everything else (stub_child_entry). Afterwards it only ever runs when
 * the kernel sends it here: to carry out mapping operations
 * (stub_run_ops), and from its SIGSEGV handler, which reports what a page
 * fault of guest code was (stub_segv). It uses no C library and no memory
 * outside its region: no globals, no strings, no calls out.
 *
 * A guest process can write the stub's data pages and jump into its code.
 * Neither gives it anything: guest code always runs with its system calls
 * trapped, and what the kernel reads back from the stub is only trusted as
 * a description of a fault the guest caused itself.
 */
#include <stddef.h>
#include <signal.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>

/* Everything here, declarations included, is reached PC-relative. */
#pragma GCC visibility push(hidden)
#include "stub.h"

#define STUB_INLINE static inline __attribute__((always_inline))

#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000
#endif

extern char __um_stub_start[];

STUB_INLINE long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

#define sys(nr, a, b, c, d) sys6((nr), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

STUB_INLINE unsigned long stub_base(void)
{
	/* A RIP-relative address: wherever the stub runs, this is its base. */
	return (unsigned long)__um_stub_start;
}

STUB_INLINE struct stub_page *stub_page(void)
{
	return (struct stub_page *)(stub_base() + STUB_PAGE);
}

STUB_INLINE void __attribute__((noreturn)) stub_trap_forever(void)
{
	for (;;)
		__asm__ volatile("int3");
}

/* The sigaction layout of the rt_sigaction system call. */
struct stub_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long mask;
};

void stub_restorer(void);
__asm__(".pushsection .text,\"ax\"\n"
	".globl stub_restorer\n"
	".hidden stub_restorer\n"
	"stub_restorer:\n"
	"	movl $" "15" ", %eax\n"		/* rt_sigreturn; never used */
	"	syscall\n"
	"	int3\n"
	".popsection\n");

/*
 * Only the stub's own mapping calls may reach the host kernel, and only
 * from the stub's code. Guest system calls never get here (they are
 * trapped before seccomp runs); this filter is the second line. What comes
 * from elsewhere (the host's vsyscall emulation) is trapped, and the
 * kernel serves it.
 */
STUB_INLINE long install_filter(unsigned long base)
{
	unsigned int hi = base >> 32, lo = (unsigned int)base;
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, instruction_pointer) + 4),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, hi, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, instruction_pointer)),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, lo, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, lo + STUB_CODE_MAX, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_mmap, 4, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_munmap, 3, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_mprotect, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_exit_group, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(f[0]), .filter = f };

	return sys(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog, 0);
}

/*
 * A new guest process: called on the stub stack right after the fork of
 * the kernel process (os-host/user.c), with the physical memory
 * descriptor, the command page's physical address, the kernel process's
 * pid and the top of the host address space.
 */
void stub_child_main(long fd, unsigned long page_phys, long ppid,
		     unsigned long limit);

void stub_child_main(long fd, unsigned long page_phys, long ppid,
		     unsigned long limit)
{
	unsigned long base = stub_base();
	struct stub_sigaction sa = { 0 };
	unsigned long none = 0;
	struct {
		void *sp;
		int flags;
		size_t size;
	} ss = { (void *)(base + STUB_SIGSTACK), 0, STUB_SIGSTACK_SIZE };

	if (sys(__NR_prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0) ||
	    sys(__NR_getppid, 0, 0, 0, 0) != ppid)
		sys(__NR_exit_group, 1, 0, 0, 0);
	sys(__NR_setsid, 0, 0, 0, 0);
	if (fd > 0)
		sys(__NR_close_range, 0, fd - 1, 0, 0);
	sys(__NR_close_range, fd + 1, ~0U, 0, 0);

	/* Nothing of the kernel process stays: only the stub region. */
	sys(__NR_munmap, 0, base, 0, 0);
	sys(__NR_munmap, base + STUB_REGION, limit - (base + STUB_REGION), 0, 0);

	if (sys6(__NR_mmap, base + STUB_PAGE, STUB_PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, fd, page_phys) != (long)(base + STUB_PAGE))
		sys(__NR_exit_group, 2, 0, 0, 0);

	sys(__NR_sigaltstack, &ss, 0, 0, 0);
	sa.handler = (void *)stub_segv;
	sa.flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER | SA_RESTORER;
	sa.restorer = (void *)stub_restorer;
	sys(__NR_rt_sigaction, SIGSEGV, &sa, 0, 8);
	sys(__NR_rt_sigprocmask, SIG_SETMASK, &none, 0, 8);

	if (sys(__NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0) ||
	    sys(__NR_ptrace, PTRACE_TRACEME, 0, 0, 0) ||
	    install_filter(base))
		sys(__NR_exit_group, 3, 0, 0, 0);

	/* Ready: the kernel takes over from this trap. */
	stub_trap_forever();
}

/* Entered by jump from the clone child: arguments in r13, r14, r15, rbx. */
__asm__(".pushsection .text,\"ax\"\n"
	".globl stub_child_entry\n"
	".hidden stub_child_entry\n"
	"stub_child_entry:\n"
	"	movq %r13, %rdi\n"
	"	movq %r14, %rsi\n"
	"	movq %r15, %rdx\n"
	"	movq %rbx, %rcx\n"
	"	xorl %ebp, %ebp\n"
	"	call stub_child_main\n"
	"	int3\n"
	".popsection\n");

/*
 * Carry out the first n mapping operations of the command page, mapping
 * from descriptor fd, then trap. Both come in registers from the kernel:
 * guest code can write the page, but not these.
 */
void stub_run_ops(long fd, unsigned long n)
{
	struct stub_page *page = stub_page();
	unsigned int i;
	long r = 0;

	if (n > STUB_MAX_OPS)
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
	stub_trap_forever();
}

/*
 * A page fault of guest code. The kernel wants the fault's details (the
 * access type is only in the error code) and the guest's registers as they
 * were; it never lets this handler return. Since the host gave the handler
 * a fresh FPU state, the guest's is put back first, from the signal frame.
 */
void stub_segv(int sig, void *info, void *ucp)
{
	struct stub_page *page = stub_page();
	unsigned long *uc = ucp;
	/* ucontext: uc_flags, uc_link, uc_stack (3 words), then mcontext */
	unsigned long *gregs = uc + 5;
	void *fpstate = (void *)gregs[STUB_NGREGS];
	int i;

	page->fault_addr = *(unsigned long *)((char *)info + 16);	/* si_addr */
	page->fault_code = *(int *)((char *)info + 8);			/* si_code */
	if (page->use_fsgsbase) {
		__asm__ volatile("rdfsbase %0" : "=r"(page->fault_fsbase));
		__asm__ volatile("rdgsbase %0" : "=r"(page->fault_gsbase));
	}
	for (i = 0; i < STUB_NGREGS; i++)
		page->fault_gregs[i] = gregs[i];
	page->fault_err = gregs[19];		/* REG_ERR */
	page->fault_trapno = gregs[20];		/* REG_TRAPNO */
	if (fpstate) {
		if (uc[0] & 0x1)		/* UC_FP_XSTATE: an XSAVE image */
			__asm__ volatile("xrstor64 (%0)" : : "r"(fpstate), "a"(-1), "d"(-1)
					 : "memory");
		else
			__asm__ volatile("fxrstor64 (%0)" : : "r"(fpstate) : "memory");
	}
	stub_trap_forever();
}
