// SPDX-License-Identifier: GPL-2.0
/*
 * Host signals as the kernel's interrupts and faults.
 *
 * SIGALRM (the one-shot timer), SIGIO (a helper thread raised a line),
 * SIGQUIT (show the guest's tasks) and the shutdown signals (SIGTERM,
 * SIGINT, SIGHUP) run on the current kernel stack and enter
 * kernel_interrupt(), which masks or handles them (kernel/irq.c). They are
 * never blocked in the host: masking is the kernel's software flag.
 * Faults of the kernel process itself (SIGSEGV, SIGBUS, SIGILL, SIGFPE) run
 * on a separate stack, so that a kernel stack overflow is still reported.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "host-priv.h"

static pid_t kernel_tid;
static unsigned long raised_lines;	/* lines raised by helper threads */
static int shutdown_signals;		/* SIGTERM/SIGINT/SIGHUP received */

static const int irq_signals[] = { SIGALRM, SIGIO, SIGQUIT, SIGTERM, SIGINT, SIGHUP };
static const int fault_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE };

pid_t host_kernel_tid(void)
{
	return kernel_tid;
}

static void fill_ctx(struct host_ctx *ctx, int sig, siginfo_t *si, void *uc)
{
	mcontext_t *mc = &((ucontext_t *)uc)->uc_mcontext;

	ctx->signo = sig;
	ctx->ip = mc->gregs[REG_RIP];
	ctx->sp = mc->gregs[REG_RSP];
	ctx->bp = mc->gregs[REG_RBP];
	ctx->fault_addr = (unsigned long)si->si_addr;
	/* x86 page-fault error code: bit 1 is "write". */
	ctx->fault_write = !!(mc->gregs[REG_ERR] & 2);
	ctx->uc = uc;
}

static void irq_signal(int sig, siginfo_t *si, void *uc)
{
	int saved_errno = errno;
	struct host_ctx ctx;
	unsigned long lines;

	fill_ctx(&ctx, sig, si, uc);
	switch (sig) {
	case SIGALRM:
		kernel_interrupt(HOST_IRQ_TIMER, &ctx);
		break;
	case SIGIO:
		lines = __atomic_exchange_n(&raised_lines, 0, __ATOMIC_ACQ_REL);
		while (lines) {
			int irq = __builtin_ctzl(lines);

			lines &= lines - 1;
			kernel_interrupt(irq, &ctx);
		}
		break;
	case SIGQUIT:
		kernel_interrupt(HOST_IRQ_SYSRQ, &ctx);
		break;
	default:
		/* The first one asks the guest to stop; the next one stops it. */
		if (__atomic_fetch_add(&shutdown_signals, 1, __ATOMIC_RELAXED))
			host_exit(128 + sig);
		kernel_interrupt(HOST_IRQ_SHUTDOWN, &ctx);
		break;
	}
	/*
	 * The handler may have switched to other kernel threads and back
	 * (preemption), which can have changed errno under the interrupted
	 * code.
	 */
	errno = saved_errno;
}

static void fault_signal(int sig, siginfo_t *si, void *uc)
{
	int saved_errno = errno;
	struct host_ctx ctx;

	fill_ctx(&ctx, sig, si, uc);
	if (!kernel_fault(&ctx))
		((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP] = ctx.ip;
	errno = saved_errno;
}

void host_raise_irq(int irq)
{
	__atomic_fetch_or(&raised_lines, 1UL << irq, __ATOMIC_RELEASE);
	syscall(SYS_tgkill, getpid(), kernel_tid, SIGIO);
}

void host_block_all_signals(sigset_t *old)
{
	sigset_t all;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, old);
}

static sigset_t irq_set;

void host_idle_wait(const volatile unsigned long *count, unsigned long seen)
{
	sigset_t old, wait_mask;

	pthread_sigmask(SIG_BLOCK, &irq_set, &old);
	if (*count == seen) {
		wait_mask = old;
		for (unsigned int i = 0; i < sizeof(irq_signals) / sizeof(int); i++)
			sigdelset(&wait_mask, irq_signals[i]);
		sigsuspend(&wait_mask);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

int host_signals_init(void)
{
	struct sigaction sa;
	stack_t ss;
	unsigned int i;

	kernel_tid = gettid();

	ss.ss_size = 256 * 1024;
	ss.ss_flags = 0;
	ss.ss_sp = mmap(NULL, ss.ss_size, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ss.ss_sp == MAP_FAILED || sigaltstack(&ss, NULL))
		return -1;

	sigemptyset(&irq_set);
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_sigaction = irq_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_NODEFER;
	for (i = 0; i < sizeof(irq_signals) / sizeof(int); i++) {
		sigaddset(&irq_set, irq_signals[i]);
		if (sigaction(irq_signals[i], &sa, NULL))
			return -1;
	}

	sa.sa_sigaction = fault_signal;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	for (i = 0; i < sizeof(fault_signals) / sizeof(int); i++)
		if (sigaction(fault_signals[i], &sa, NULL))
			return -1;

	signal(SIGPIPE, SIG_IGN);
	pthread_sigmask(SIG_UNBLOCK, &irq_set, NULL);
	return 0;
}
