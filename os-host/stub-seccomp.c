// SPDX-License-Identifier: GPL-2.0
/*
 * The seccomp backend's stub: what runs inside a guest process's host
 * process when no tracer stops it (os-host/user-seccomp.c is the kernel's
 * side).
 *
 * The host process has two threads:
 *
 *  - The guest thread runs guest code under a seccomp filter that traps
 *    every system call (SECCOMP_RET_TRAP) but the stub's own two: a futex
 *    on the hand-over word and a sched_yield tagged with two registers no
 *    program passes. A trap, a fault, or the kernel's kick (SIGVTALRM) runs
 *    stub_handler() on the signal stack (guest physical pages the kernel
 *    reads too): it records the trap in the state page, hands the thread
 *    over to the kernel and waits. When the kernel has served the trap and
 *    edited the registers in the state page, stub_resume() loads them and
 *    the FPU state (from the signal frame, which the kernel may have
 *    edited too) and returns to guest code with iretq. The handler never
 *    returns through the host's rt_sigreturn: a guest could call that one
 *    too, with a frame of its own, and block the kick.
 *
 *  - The mapper thread carries out the kernel's mapping orders (mmap of
 *    the physical memory file, munmap, mprotect). It is a loop in
 *    assembly that uses no memory but the read-only orders page and a
 *    report word, so the guest thread, which shares its memory, cannot
 *    steer it; its own filter allows the mapping calls and nothing else,
 *    and the guest thread's filter does not allow them at all.
 */
#include <stddef.h>
#include <signal.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <sys/syscall.h>

#include "stub-sys.h"

#define KICK_SIG	SIGVTALRM
#define SPINS		20	/* yields before the guest thread sleeps */

void stub_restorer(void);
void stub_mapper(void) __attribute__((noreturn));
void stub_resume(void) __attribute__((noreturn));
void stub_return(unsigned long *gregs) __attribute__((noreturn));
extern char stub_resume_check[], stub_resume_end[], stub_handler[], stub_recorded[];

STUB_INLINE struct stub_state *state(void)
{
	return stub_data(0);
}

STUB_INLINE unsigned long rdtsc(void)
{
	unsigned int lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long)hi << 32) | lo;
}

/* Hand the guest thread to the kernel, waking it if it sleeps. */
STUB_INLINE void hand_over(struct stub_state *st)
{
	unsigned int v = __atomic_exchange_n(&st->turn, STUB_TURN_KERNEL, __ATOMIC_SEQ_CST);

	if (v & STUB_TURN_SLEEP)
		sys(__NR_futex, &st->turn, FUTEX_WAKE, 1, 0);
}

/*
 * Wait until the kernel gives the guest thread back. With the kernel on
 * this CPU, yield to it; on another, spin a while, yielding so that
 * another guest thread put on this CPU runs (the hint only decides how to
 * wait, it cannot make the stub skip the wait). Then sleep on the futex.
 */
static void wait_turn_back(struct stub_state *st)
{
	const struct stub_config *cfg = stub_cfg();
	unsigned long t0 = 0;
	unsigned int v;
	int i;

	for (i = 0;; i++) {
		v = __atomic_load_n(&st->turn, __ATOMIC_ACQUIRE);
		if ((v & 0xff) == STUB_TURN_GUEST)
			return;
		if (st->spin) {
			if (!t0)
				t0 = rdtsc();
			if (rdtsc() - t0 < cfg->spin_cycles) {
				sys(__NR_sched_yield, cfg->yield_tag[0], cfg->yield_tag[1], 0, 0);
				continue;
			}
		} else if (i < SPINS) {
			sys(__NR_sched_yield, cfg->yield_tag[0], cfg->yield_tag[1], 0, 0);
			continue;
		}
		if (!(v & STUB_TURN_SLEEP) &&
		    !__atomic_compare_exchange_n(&st->turn, &v, v | STUB_TURN_SLEEP, 0,
						 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			continue;
		sys(__NR_futex, &st->turn, FUTEX_WAIT, v | STUB_TURN_SLEEP, 0);
	}
}

/* The kernel's kick came while the stub ran: report it before going on. */
void stub_kicked(void);

void stub_kicked(void)
{
	struct stub_state *st = state();

	st->kick_pending = 0;
	st->kind = STUB_EV_KICK;
	hand_over(st);
	wait_turn_back(st);
}

/*
 * A trap of guest code is recorded and handed over (stub_handler, below,
 * up to stub_recorded); then this waits for the kernel and resumes.
 */
void stub_after_record(unsigned int old) __attribute__((noreturn));

void stub_after_record(unsigned int old)
{
	struct stub_state *st = state();

	/* Where a kick during the wait sends the stub to resume from. */
	__asm__ volatile("movq %%rsp, %0" : "=m"(st->resume_sp));
	if (old & STUB_TURN_SLEEP)
		sys(__NR_futex, &st->turn, FUTEX_WAKE, 1, 0);
	wait_turn_back(st);
	stub_resume();
}

/*
 * A signal while the stub itself ran (gregs[16] is in its code). A kick is
 * remembered and the stub goes on, except that a stub which holds the turn
 * (the kernel waits for it) goes to the top of the resume path, where a
 * pending kick is reported: whatever code of the stub a guest jumped into,
 * a kick always gets the kernel its turn. Recording a trap is the one
 * stretch that holds the turn and may not be left (the trap would be
 * lost); it hands over at its end. Any other signal means the stub cannot
 * go on.
 */
void stub_nested(int sig, void *info, void *ucp) __attribute__((noreturn));

void stub_nested(int sig, void *info, void *ucp)
{
	struct stub_state *st = state();
	unsigned long *gregs = (unsigned long *)ucp + 5;	/* uc_flags, uc_link, uc_stack */
	unsigned long ip = gregs[16];

	if (sig == KICK_SIG) {
		st->kick_pending = 1;
		if ((ip >= (unsigned long)stub_resume_check && ip < (unsigned long)stub_resume_end) ||
		    (!(ip >= (unsigned long)stub_handler && ip < (unsigned long)stub_recorded) &&
		     (__atomic_load_n(&st->turn, __ATOMIC_ACQUIRE) & 0xff) == STUB_TURN_GUEST))
			gregs[16] = (unsigned long)stub_resume_check;
		stub_return(gregs);
	}
	st->kind = STUB_EV_BROKEN;
	st->signo = sig;
	for (;;) {
		hand_over(st);
		wait_turn_back(st);
	}
}

/*
 * Every synchronous signal and the kick, with the signal number, siginfo
 * and ucontext in rdi, rsi, rdx, on the signal stack. Guest code stopped:
 * its trap and registers go to the state page, and the turn to the kernel.
 * In assembly, so that it is one stretch of code (see stub_nested).
 */
#define SO(f)	"%c[" #f "](%%r8)"
__attribute__((used)) static void stub_handler_body(void)
{
	__asm__ volatile(
		".globl stub_handler\n"
		".hidden stub_handler\n"
		"stub_handler:\n"
		"	movq 168(%%rdx), %%rax\n"		/* gregs[16]: rip */
		"	leaq __um_stub_start(%%rip), %%rcx\n"
		"	subq %%rcx, %%rax\n"
		"	cmpq %[codemax], %%rax\n"
		"	jb stub_nested\n"
		"	leaq __um_stub_start+%c[st](%%rip), %%r8\n"
		"	movl %[ev], " SO(kind) "\n"
		"	movl %%edi, " SO(signo) "\n"
		"	movl 8(%%rsi), %%eax\n"
		"	movl %%eax, " SO(code) "\n"
		"	movq 16(%%rsi), %%rax\n"		/* si_addr, si_call_addr */
		"	movq %%rax, " SO(addr) "\n"
		"	movslq 24(%%rsi), %%rax\n"		/* si_syscall */
		"	movq %%rax, " SO(sysno) "\n"
		"	movl 28(%%rsi), %%eax\n"		/* si_arch */
		"	movl %%eax, " SO(arch) "\n"
		"	movq 192(%%rdx), %%rax\n"		/* gregs[19]: err */
		"	movq %%rax, " SO(err) "\n"
		"	movq 200(%%rdx), %%rax\n"		/* gregs[20]: trapno */
		"	movq %%rax, " SO(trapno) "\n"
		"	rdfsbase %%rax\n"
		"	movq %%rax, " SO(fs) "\n"
		"	rdgsbase %%rax\n"
		"	movq %%rax, " SO(gs) "\n"
		"	movq 224(%%rdx), %%rax\n"		/* gregs[23]: fpstate */
		"	leaq __um_stub_start+%c[data](%%rip), %%rcx\n"
		"	subq %%rcx, %%rax\n"
		"	movq %%rax, " SO(fp) "\n"
		"	leaq 40(%%rdx), %%rsi\n"
		"	leaq " SO(gregs) ", %%rdi\n"
		"	movl %[ngregs], %%ecx\n"
		"	cld\n"
		"	rep movsq\n"
		"	movl %[kernel], %%eax\n"
		"	xchgl %%eax, " SO(turn) "\n"
		".globl stub_recorded\n"
		".hidden stub_recorded\n"
		"stub_recorded:\n"
		"	movl %%eax, %%edi\n"
		"	jmp stub_after_record\n"
		:
		: [codemax] "i"(STUB_CODE_MAX), [st] "i"(STUB_DATA), [data] "i"(STUB_DATA),
		  [ev] "i"(STUB_EV_SIGNAL), [kernel] "i"(STUB_TURN_KERNEL), [ngregs] "i"(STUB_NGREGS),
		  [kind] "i"(offsetof(struct stub_state, kind)),
		  [signo] "i"(offsetof(struct stub_state, signo)),
		  [code] "i"(offsetof(struct stub_state, code)),
		  [addr] "i"(offsetof(struct stub_state, addr)),
		  [sysno] "i"(offsetof(struct stub_state, sysno)),
		  [arch] "i"(offsetof(struct stub_state, arch)),
		  [err] "i"(offsetof(struct stub_state, err)),
		  [trapno] "i"(offsetof(struct stub_state, trapno)),
		  [fs] "i"(offsetof(struct stub_state, fsbase)),
		  [gs] "i"(offsetof(struct stub_state, gsbase)),
		  [fp] "i"(offsetof(struct stub_state, fpstate)),
		  [gregs] "i"(offsetof(struct stub_state, gregs)),
		  [turn] "i"(offsetof(struct stub_state, turn))
		: "memory");
}

/*
 * Back to guest code with the registers of the state page and the FPU
 * state at st->fpstate. A kick from here to the iretq restarts it at
 * stub_resume_check (see the handler), which reloads everything but the
 * stack pointer, kept from the entry. The stack pointer stays on the
 * signal stack all the way, so that a kick's frame never lands on the
 * frame whose FPU state is being loaded.
 */
#define ST	"__um_stub_start+%c[st]"
#define G(n)	"%c[g" #n "](%%rax)"
void stub_resume(void)
{
	__asm__ volatile(
		"	leaq " ST "(%%rip), %%rax\n"
		"	movq %%rsp, %c[rsp](%%rax)\n"
		".globl stub_resume_check\n"
		".hidden stub_resume_check\n"
		"stub_resume_check:\n"
		"	leaq " ST "(%%rip), %%rax\n"
		"	movq %c[rsp](%%rax), %%rsp\n"
		"	cmpl $0, %c[kick](%%rax)\n"
		"	jne 2f\n"
		"	movq %c[fp](%%rax), %%rcx\n"
		"	andq $0xffc0, %%rcx\n"
		"	leaq __um_stub_start+%c[data](%%rip), %%rdx\n"
		"	addq %%rdx, %%rcx\n"
		"	movl __um_stub_start+%c[xf](%%rip), %%eax\n"
		"	movl __um_stub_start+%c[xf]+4(%%rip), %%edx\n"
		"	xrstor64 (%%rcx)\n"
		"	leaq " ST "(%%rip), %%rax\n"
		"	movq %c[fs](%%rax), %%rcx\n"
		"	wrfsbase %%rcx\n"
		"	movq %c[gs](%%rax), %%rcx\n"
		"	wrgsbase %%rcx\n"
		"	pushq $0x2b\n"
		"	pushq " G(15) "\n"
		"	movq " G(17) ", %%rcx\n"
		"	andq $0x250fd5, %%rcx\n"
		"	orq $0x202, %%rcx\n"
		"	pushq %%rcx\n"
		"	pushq $0x33\n"
		"	pushq " G(16) "\n"
		"	movq " G(0) ", %%r8\n"
		"	movq " G(1) ", %%r9\n"
		"	movq " G(2) ", %%r10\n"
		"	movq " G(3) ", %%r11\n"
		"	movq " G(4) ", %%r12\n"
		"	movq " G(5) ", %%r13\n"
		"	movq " G(6) ", %%r14\n"
		"	movq " G(7) ", %%r15\n"
		"	movq " G(8) ", %%rdi\n"
		"	movq " G(9) ", %%rsi\n"
		"	movq " G(10) ", %%rbp\n"
		"	movq " G(11) ", %%rbx\n"
		"	movq " G(12) ", %%rdx\n"
		"	movq " G(14) ", %%rcx\n"
		"	movq " G(13) ", %%rax\n"
		"	iretq\n"
		".globl stub_resume_end\n"
		".hidden stub_resume_end\n"
		"stub_resume_end:\n"
		"2:	call stub_kicked\n"
		"	jmp stub_resume_check\n"
		:
		: [st] "i"(STUB_DATA), [rsp] "i"(offsetof(struct stub_state, resume_sp)),
		  [kick] "i"(offsetof(struct stub_state, kick_pending)),
		  [fp] "i"(offsetof(struct stub_state, fpstate)),
		  [data] "i"(STUB_DATA),
		  [xf] "i"(STUB_CONFIG + offsetof(struct stub_config, xfeatures)),
		  [fs] "i"(offsetof(struct stub_state, fsbase)),
		  [gs] "i"(offsetof(struct stub_state, gsbase)),
#define GOFF(n) [g##n] "i"(offsetof(struct stub_state, gregs) + 8 * n)
		  GOFF(0), GOFF(1), GOFF(2), GOFF(3), GOFF(4), GOFF(5), GOFF(6), GOFF(7),
		  GOFF(8), GOFF(9), GOFF(10), GOFF(11), GOFF(12), GOFF(13), GOFF(14),
		  GOFF(15), GOFF(16), GOFF(17)
		: "memory");
	__builtin_unreachable();
}

/*
 * Back into stub code that a kick interrupted, with every register as the
 * frame has it (the stub uses no FPU registers). The iretq frame is built
 * on the current stack, below the kick's frame, so another kick on the
 * way only nests.
 */
__asm__(".pushsection .text,\"ax\"\n"
	".globl stub_return\n"
	".hidden stub_return\n"
	"stub_return:\n"
	"	pushq $0x2b\n"
	"	pushq 120(%rdi)\n"	/* rsp */
	"	pushq 136(%rdi)\n"	/* eflags */
	"	pushq $0x33\n"
	"	pushq 128(%rdi)\n"	/* rip */
	"	movq 0(%rdi), %r8\n"
	"	movq 8(%rdi), %r9\n"
	"	movq 16(%rdi), %r10\n"
	"	movq 24(%rdi), %r11\n"
	"	movq 32(%rdi), %r12\n"
	"	movq 40(%rdi), %r13\n"
	"	movq 48(%rdi), %r14\n"
	"	movq 56(%rdi), %r15\n"
	"	movq 72(%rdi), %rsi\n"
	"	movq 80(%rdi), %rbp\n"
	"	movq 88(%rdi), %rbx\n"
	"	movq 96(%rdi), %rdx\n"
	"	movq 104(%rdi), %rax\n"
	"	movq 112(%rdi), %rcx\n"
	"	movq 64(%rdi), %rdi\n"
	"	iretq\n"
	".popsection\n");

/*
 * The mapper thread: wait for a new batch number, carry out the batch,
 * report, wait again. Registers only: r12 the last batch done, r13 the new
 * one, r14 the count, r15 the index, rbx the operation. On any failure the
 * whole guest range is unmapped, so that the host never maps more than the
 * kernel believes, whatever the report says by the time it is read.
 */
#define ORD	"__um_stub_start+%c[ord]"
__attribute__((used)) static void stub_mapper_body(void)
{
	__asm__ volatile(
		".globl stub_mapper\n"
		".hidden stub_mapper\n"
		"stub_mapper:\n"
		"	movl %[nr_seccomp], %%eax\n"
		"	movl $1, %%edi\n"			/* SECCOMP_SET_MODE_FILTER */
		"	xorl %%esi, %%esi\n"
		"	leaq __um_stub_start+%c[prog](%%rip), %%rdx\n"
		"	syscall\n"
		"	testq %%rax, %%rax\n"
		"	jz 1f\n"
		"	ud2\n"
		"1:	xorl %%r12d, %%r12d\n"
		"2:	movl %[nr_futex], %%eax\n"
		"	leaq " ORD "+%c[seq](%%rip), %%rdi\n"
		"	xorl %%esi, %%esi\n"			/* FUTEX_WAIT */
		"	movl %%r12d, %%edx\n"
		"	xorl %%r10d, %%r10d\n"
		"	syscall\n"
		"	movl " ORD "+%c[seq](%%rip), %%r13d\n"
		"	cmpl %%r12d, %%r13d\n"
		"	je 2b\n"
		"	movl " ORD "+%c[nops](%%rip), %%r14d\n"
		"	cmpl %[maxops], %%r14d\n"
		"	jbe 3f\n"
		"	xorl %%r14d, %%r14d\n"
		"3:	xorl %%r15d, %%r15d\n"
		"	xorl %%eax, %%eax\n"
		"	leaq " ORD "+%c[ops](%%rip), %%rbx\n"
		"4:	cmpl %%r14d, %%r15d\n"
		"	jb 10f\n"
		"	xorl %%eax, %%eax\n"
		"	jmp 9f\n"
		"10:	movq 8(%%rbx), %%rdi\n"			/* addr */
		"	movq 16(%%rbx), %%rsi\n"		/* len */
		"	movslq 4(%%rbx), %%rdx\n"		/* prot */
		"	movl (%%rbx), %%eax\n"			/* kind */
		"	cmpl $1, %%eax\n"
		"	jne 5f\n"
		"	movl %[nr_mmap], %%eax\n"
		"	movl $0x11, %%r10d\n"			/* MAP_SHARED | MAP_FIXED */
		"	movq __um_stub_start+%c[fd](%%rip), %%r8\n"
		"	movq 24(%%rbx), %%r9\n"			/* offset */
		"	syscall\n"
		"	cmpq %%rdi, %%rax\n"
		"	jne 8f\n"
		"	jmp 7f\n"
		"5:	cmpl $2, %%eax\n"
		"	jne 6f\n"
		"	movl %[nr_munmap], %%eax\n"
		"	syscall\n"
		"	testq %%rax, %%rax\n"
		"	jnz 8f\n"
		"	jmp 7f\n"
		"6:	cmpl $3, %%eax\n"
		"	movq $-22, %%rax\n"
		"	jne 8f\n"
		"	movl %[nr_mprotect], %%eax\n"
		"	syscall\n"
		"	testq %%rax, %%rax\n"
		"	jnz 8f\n"
		"7:	addq %[opsize], %%rbx\n"
		"	incl %%r15d\n"
		"	jmp 4b\n"
		"8:	movq %%rax, %%rbp\n"
		"	movl %[nr_munmap], %%eax\n"
		"	xorl %%edi, %%edi\n"
		"	leaq __um_stub_start(%%rip), %%rsi\n"
		"	syscall\n"
		"	movl %[nr_munmap], %%eax\n"
		"	movq __um_stub_start+%c[hole](%%rip), %%rdi\n"
		"	movq __um_stub_start+%c[top](%%rip), %%rsi\n"
		"	subq %%rdi, %%rsi\n"
		"	syscall\n"
		"	movq %%rbp, %%rax\n"
		"9:	leaq " ST "(%%rip), %%rdi\n"
		"	movq %%rax, %c[error](%%rdi)\n"
		"	movl %%r15d, %c[done](%%rdi)\n"
		"	movl %%r13d, %c[done_seq](%%rdi)\n"
		"	movl %%r13d, %%r12d\n"
		"	jmp 2b\n"
		:
		: [st] "i"(STUB_DATA), [ord] "i"(STUB_DATA + STUB_PAGE_SIZE),
		  [seq] "i"(offsetof(struct stub_orders, seq)),
		  [nops] "i"(offsetof(struct stub_orders, nops)),
		  [ops] "i"(offsetof(struct stub_orders, ops)),
		  [maxops] "i"(STUB_SECCOMP_OPS), [opsize] "i"(sizeof(struct stub_op)),
		  [prog] "i"(STUB_CONFIG + offsetof(struct stub_config, prog[STUB_FILTER_MAPPER])),
		  [fd] "i"(STUB_CONFIG + offsetof(struct stub_config, phys_fd)),
		  [hole] "i"(STUB_CONFIG + offsetof(struct stub_config, hole_end)),
		  [top] "i"(STUB_CONFIG + offsetof(struct stub_config, top)),
		  [error] "i"(offsetof(struct stub_state, error)),
		  [done] "i"(offsetof(struct stub_state, done)),
		  [done_seq] "i"(offsetof(struct stub_state, done_seq)),
		  [nr_seccomp] "i"(__NR_seccomp), [nr_futex] "i"(__NR_futex),
		  [nr_mmap] "i"(__NR_mmap), [nr_munmap] "i"(__NR_munmap),
		  [nr_mprotect] "i"(__NR_mprotect)
		: "memory");
}

/* Start the mapper thread: it shares everything and runs stub_mapper. */
static long start_mapper(void)
{
	register long r10 __asm__("r10") = 0;
	register long r8 __asm__("r8") = 0;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "testq %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "jmp stub_mapper\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(__NR_clone),
			   "D"((long)(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
				      CLONE_THREAD | CLONE_SYSVSEM)),
			   "S"(0L), "d"(0L), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
	return ret;
}

/*
 * The guest thread's start, from stub_child_main() with every signal
 * blocked (the mapper keeps them so): the mapper, the signal stack and
 * handlers, the filter, then the first hand-over. The kernel sends it to
 * guest code from there (stub_resume), with the FPU state it put at
 * st->fpstate.
 */
void stub_seccomp_start(void)
{
	static const int sigs[] = { SIGSYS, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, KICK_SIG };
	const struct stub_config *cfg = stub_cfg();
	struct stub_state *st = state();
	struct stub_sigaction sa = { 0 };
	unsigned long none = 0;
	struct {
		void *sp;
		int flags;
		unsigned long size;
	} ss = { (void *)(stub_base() + STUB_SECCOMP_SIGSTACK), 0,
		 (cfg->data_pages - 2) * STUB_PAGE_SIZE };
	unsigned int i;
	long tid;

	tid = start_mapper();
	if (tid <= 0)
		sys(__NR_exit_group, 4, 0, 0, 0);
	st->mapper_tid = tid;

	sa.handler = (void *)stub_handler;
	sa.flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER | SA_RESTORER;
	sa.restorer = (void *)stub_restorer;
	if (cfg->data_pages < 3 || sys(__NR_sigaltstack, &ss, 0, 0, 0))
		sys(__NR_exit_group, 5, 0, 0, 0);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sys(__NR_rt_sigaction, sigs[i], &sa, 0, 8))
			sys(__NR_exit_group, 5, 0, 0, 0);
	if (sys(__NR_rt_sigprocmask, SIG_SETMASK, &none, 0, 8) ||
	    stub_install_filter(STUB_FILTER_GUEST))
		sys(__NR_exit_group, 6, 0, 0, 0);

	st->kind = STUB_EV_READY;
	__asm__ volatile("movq %%rsp, %0" : "=m"(st->resume_sp));
	hand_over(st);
	wait_turn_back(st);
	stub_resume();
}
