// SPDX-License-Identifier: GPL-2.0
/*
 * Faults of the kernel process itself: a host SIGSEGV, SIGBUS, SIGILL or
 * SIGFPE while kernel code runs. The only expected one is a first touch of
 * a vmalloc page whose host mapping is not there yet; anything else is a
 * kernel bug, reported as an oops.
 */
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/panic.h>
#include <linux/ptrace.h>
#include <linux/sched/debug.h>
#include <linux/sched/task.h>
#include <linux/signal.h>
#include <asm/um.h>

#include <host.h>

static DEFINE_SPINLOCK(die_lock);

void um_die(const char *what, struct pt_regs *regs, int signo)
{
	unsigned long flags;

	oops_enter();
	spin_lock_irqsave(&die_lock, flags);
	console_verbose();
	bust_spinlocks(1);
	pr_emerg("Oops: %s\n", what);
	print_modules();
	show_regs(regs);
	bust_spinlocks(0);
	add_taint(TAINT_DIE, LOCKDEP_NOW_UNRELIABLE);
	spin_unlock_irqrestore(&die_lock, flags);
	oops_exit();

	if (in_interrupt())
		panic("Fatal exception in interrupt");
	if (panic_on_oops)
		panic("Fatal exception");
	make_task_dead(signo);
}

static const char *fault_name(int signo)
{
	switch (signo) {
	case SIGSEGV: return "invalid memory access";
	case SIGBUS:  return "bus error";
	case SIGILL:  return "invalid instruction";
	case SIGFPE:  return "arithmetic exception";
	default:      return "fault";
	}
}

int kernel_fault(struct host_ctx *ctx)
{
	struct pt_regs regs;
	char what[128];

	if (ctx->signo == SIGSEGV && um_vmalloc_fault(ctx->fault_addr))
		return 0;

	memset(&regs, 0, sizeof(regs));
	regs.ip = ctx->ip;
	regs.sp = ctx->sp;
	regs.bp = ctx->bp;
	snprintf(what, sizeof(what), "kernel %s at address %#lx%s", fault_name(ctx->signo),
		 ctx->fault_addr, ctx->signo == SIGSEGV ?
		 (ctx->fault_write ? " (write)" : " (read)") : "");
	um_die(what, &regs, ctx->signo);
}
