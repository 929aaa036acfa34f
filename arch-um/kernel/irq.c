// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupts: host signals, masked by a flag in memory.
 *
 * The host's signal handlers call kernel_interrupt() with a line number.
 * If the kernel has interrupts off, the line is only marked in
 * um_irq_pending, and arch_local_irq_enable() calls um_irq_replay() to
 * handle it later; otherwise it is handled at once, on the current kernel
 * stack, like a hardware interrupt: irq_enter(), the line's handler,
 * irq_exit() (softirqs), then preemption if the interrupted code allows it.
 * Masking thus never costs a host system call.
 */
#include <linux/hardirq.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/kernel_stat.h>
#include <linux/preempt.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/sched/debug.h>
#include <linux/sysrq.h>
#include <asm/irq_regs.h>
#include <linux/entry-common.h>
#include <asm/um.h>
#include <asm/um_mm.h>

#include <host.h>

unsigned long um_irq_on;	/* ARCH_IRQ_ENABLED or ARCH_IRQ_DISABLED */
unsigned long um_irq_pending;	/* lines that came while masked */
unsigned long um_irq_count;	/* batches handled; idle watches it */

static_assert(UM_TIMER_IRQ == HOST_IRQ_TIMER);
static_assert(NR_IRQS == HOST_IRQ_LINES);

static void um_handle_lines(unsigned long lines, struct pt_regs *regs)
{
	struct pt_regs *old = set_irq_regs(regs);

	irq_enter();
	for (;;) {
		lines |= __atomic_exchange_n(&um_irq_pending, 0, __ATOMIC_ACQUIRE);
		if (!lines)
			break;
		while (lines) {
			unsigned int irq = __ffs(lines);

			lines &= lines - 1;
			generic_handle_irq(irq);
		}
		WRITE_ONCE(um_irq_count, um_irq_count + 1);
	}
	irq_exit();
	set_irq_regs(old);
}

/*
 * Handle lines with interrupts marked off, then end the interrupt: a
 * kernel context that allows it is preempted; a task running user code is
 * stopped (kicked) when it has work to do before it may go on, which the
 * user loop then does (kernel/user.c).
 */
static void um_interrupt(unsigned long lines, unsigned long ip, unsigned long sp,
			 unsigned long bp)
{
	struct um_mm *user;
	struct pt_regs kregs, *regs = &kregs;

	/*
	 * Interrupts off first: until then a preempt_enable() (in a per-CPU
	 * access, say) could schedule from here, and switch away from a task
	 * whose host process is running.
	 */
	WRITE_ONCE(um_irq_on, ARCH_IRQ_DISABLED);
	barrier();
	user = __this_cpu_read(um_running_mm);
	trace_hardirqs_off();
	if (user) {
		/* Ticks while user code runs count as user time. */
		regs = task_pt_regs(current);
	} else {
		memset(regs, 0, sizeof(*regs));
		regs->ip = ip;
		regs->sp = sp;
		regs->bp = bp;
		regs->flags = 0x200;	/* interrupts were on */
	}
	um_handle_lines(lines, regs);
	if (user) {
		if (read_thread_flags() & EXIT_TO_USER_MODE_WORK)
			host_mm_kick(um_host(user));
	} else if (IS_ENABLED(CONFIG_PREEMPTION) && !preempt_count() && need_resched()) {
		preempt_schedule_irq();
	}
	trace_hardirqs_on();
}

void kernel_interrupt(int irq, struct host_ctx *ctx)
{
	if (READ_ONCE(um_irq_on) == ARCH_IRQ_DISABLED) {
		__atomic_fetch_or(&um_irq_pending, 1UL << irq, __ATOMIC_RELEASE);
		return;
	}
	um_interrupt(1UL << irq, ctx->ip, ctx->sp, ctx->bp);
	arch_local_irq_enable();
}

/* Interrupts were just enabled and some came meanwhile. */
void um_irq_replay(void)
{
	while (READ_ONCE(um_irq_pending)) {
		um_interrupt(0, _RET_IP_, current_stack_pointer,
			     (unsigned long)__builtin_frame_address(0));
		WRITE_ONCE(um_irq_on, ARCH_IRQ_ENABLED);
		barrier();
	}
}
EXPORT_SYMBOL(um_irq_replay);
EXPORT_SYMBOL(um_irq_on);
EXPORT_SYMBOL(um_irq_pending);

/* A host signal asked the guest to stop: power off cleanly. */
static irqreturn_t um_shutdown_irq(int irq, void *dev)
{
	pr_notice("Host asked for shutdown: powering off\n");
	orderly_poweroff(true);
	return IRQ_HANDLED;
}

/* SIGQUIT from the host: what sysrq-t shows, every task and its stack. */
static irqreturn_t um_sysrq_irq(int irq, void *dev)
{
	if (IS_ENABLED(CONFIG_MAGIC_SYSRQ))
		handle_sysrq('t');
	else
		show_state();
	return IRQ_HANDLED;
}

static unsigned int next_line = HOST_IRQ_FIRST_DEV;

/* A new interrupt line for a device's host half to raise. */
int um_request_irq_line(irq_handler_t handler, unsigned long flags,
			const char *name, void *dev)
{
	int irq, err;

	if (next_line >= NR_IRQS)
		return -ENOSPC;
	irq = next_line++;
	err = request_irq(irq, handler, flags, name, dev);
	return err ? err : irq;
}

void __init init_IRQ(void)
{
	int i;

	for (i = 0; i < NR_IRQS; i++)
		irq_set_chip_and_handler(i, &dummy_irq_chip, handle_simple_irq);
	if (request_irq(HOST_IRQ_SHUTDOWN, um_shutdown_irq, 0, "host-signal", NULL))
		pr_err("cannot take the shutdown interrupt\n");
	if (request_irq(HOST_IRQ_SYSRQ, um_sysrq_irq, 0, "host-sysrq", NULL))
		pr_err("cannot take the sysrq interrupt\n");
}
