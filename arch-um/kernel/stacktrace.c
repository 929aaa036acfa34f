// SPDX-License-Identifier: GPL-2.0
/*
 * Stack traces by frame pointers: kernel code is built with them, and each
 * frame starts with the caller's frame pointer and the return address.
 */
#include <linux/kallsyms.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/debug.h>
#include <linux/sched/task_stack.h>
#include <linux/stacktrace.h>
#include <asm/um.h>

struct um_frame {
	struct um_frame *next;
	unsigned long ret;
};

static bool on_stack(struct task_struct *task, unsigned long fp)
{
	unsigned long lo = (unsigned long)task_stack_page(task);

	return fp >= lo && fp + sizeof(struct um_frame) <= lo + THREAD_SIZE &&
	       !(fp & 7);
}

void arch_stack_walk(stack_trace_consume_fn consume_entry, void *cookie,
		     struct task_struct *task, struct pt_regs *regs)
{
	unsigned long fp;

	if (!task)
		task = current;
	if (regs) {
		if (user_mode(regs))
			return;
		if (!consume_entry(cookie, regs->ip))
			return;
		fp = regs->bp;
	} else if (task == current) {
		fp = (unsigned long)__builtin_frame_address(0);
	} else {
		/* A switched-out task: um_switch_stack()'s frame is at ksp. */
		unsigned long *ksp = (unsigned long *)task->thread.ksp;

		if (!on_stack(task, (unsigned long)ksp))
			return;
		if (!consume_entry(cookie, ksp[6]))
			return;
		fp = ksp[5];
	}

	while (on_stack(task, fp)) {
		struct um_frame *frame = (struct um_frame *)fp;

		if (!frame->ret || !consume_entry(cookie, frame->ret))
			break;
		if ((unsigned long)frame->next <= fp)
			break;
		fp = (unsigned long)frame->next;
	}
}

struct trace_print {
	const char *loglvl;
};

static bool print_entry(void *cookie, unsigned long ip)
{
	struct trace_print *tp = cookie;

	printk("%s %pS\n", tp->loglvl, (void *)ip);
	return true;
}

void um_show_trace(struct task_struct *task, struct pt_regs *regs, const char *loglvl)
{
	struct trace_print tp = { .loglvl = loglvl };

	printk("%sCall Trace:\n", loglvl);
	arch_stack_walk(print_entry, &tp, task, regs);
}

void show_stack(struct task_struct *task, unsigned long *sp, const char *loglvl)
{
	if (!task)
		task = current;
	if (task != current && !try_get_task_stack(task))
		return;
	um_show_trace(task, NULL, loglvl);
	if (task != current)
		put_task_stack(task);
}
