// SPDX-License-Identifier: GPL-2.0
/*
 * Tasks: creation, context switch, idle, and where a new task starts.
 *
 * Every task's kernel side is a coroutine of the one host thread, with its
 * own kernel stack; switching is switch.S's um_switch_stack(). A task's
 * user side (if any) is run by the userspace backend from its pt_regs.
 */
#include <linux/cpu.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/debug.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/reboot.h>
#include <linux/stacktrace.h>
#include <asm/switch_to.h>
#include <asm/um.h>
#include <asm/um_mm.h>

#include <host.h>

DEFINE_PER_CPU(struct pcpu_hot, pcpu_hot) = {
	.current_task = &init_task,
};
EXPORT_PER_CPU_SYMBOL(pcpu_hot);

struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next)
{
	raw_cpu_write(pcpu_hot.current_task, next);
	return um_switch_stack(&prev->thread.ksp, next->thread.ksp, prev);
}

/*
 * The first kernel-stack frame of a new task, laid out as um_switch_stack()
 * leaves a switched-out task: six callee-saved registers, then the address
 * it "returns" to.
 */
struct um_switch_frame {
	unsigned long r15, r14, r13, r12, bx, bp;
	unsigned long ret;
};

int copy_thread(struct task_struct *p, const struct kernel_clone_args *args)
{
	unsigned long top = (unsigned long)task_stack_page(p) + THREAD_SIZE;
	struct um_switch_frame *frame;
	struct pt_regs *regs = task_pt_regs(p);

	/* 16 bytes kept free at the top; the entry call is then 16-aligned. */
	frame = (struct um_switch_frame *)(top - 16) - 1;
	memset(frame, 0, sizeof(*frame));
	frame->ret = (unsigned long)um_new_task_entry;
	p->thread.ksp = (unsigned long)frame;

	if (args->fn) {
		/* A kernel thread (or one that will exec a user program). */
		memset(regs, 0, sizeof(*regs));
		p->thread.kthread_fn = args->fn;
		p->thread.kthread_arg = args->fn_arg;
		return 0;
	}

	/* A new address space needs a host process: there may be no more. */
	if (!(args->flags & CLONE_VM) && um_mm_over_limit())
		return -EAGAIN;

	/* A user fork/clone: the child resumes where the parent trapped. */
	*regs = *current_pt_regs();
	regs->ax = 0;
	if (args->stack)
		regs->sp = args->stack;
	if (args->flags & CLONE_SETTLS)
		regs->fs_base = args->tls;
	p->thread.kthread_fn = NULL;
	return 0;
}

/* Where every new task starts (from um_new_task_entry in switch.S). */
void um_new_task(struct task_struct *prev)
{
	schedule_tail(prev);
	if (current->thread.kthread_fn) {
		current->thread.kthread_fn(current->thread.kthread_arg);
		/* Returning means it exec'ed a user program (kernel_init). */
	}
	um_user_loop();
}

void arch_cpu_idle(void)
{
	unsigned long seen = READ_ONCE(um_irq_count);

	raw_local_irq_enable();
	host_idle_wait(&um_irq_count, seen);
	raw_local_irq_disable();
}

/* exec: the new program starts with clean FPU registers. */
void flush_thread(void)
{
	um_fpu_reset(current);
}

void exit_thread(struct task_struct *tsk)
{
}

void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->ip = ip;
	regs->sp = sp;
	regs->cs = UM_USER_CS;
	regs->ss = UM_USER_DS;
	regs->flags = 0x202;	/* IF, and the always-one bit */
}

/* The first return address outside the scheduler on a sleeping task's stack. */
static bool wchan_found(void *cookie, unsigned long ip)
{
	unsigned long *result = cookie;

	if (in_sched_functions(ip))
		return true;
	*result = ip;
	return false;
}

unsigned long __get_wchan(struct task_struct *p)
{
	unsigned long ip = 0;

	if (!try_get_task_stack(p))
		return 0;
	arch_stack_walk(wchan_found, &ip, p, NULL);
	put_task_stack(p);
	return ip;
}

void show_regs(struct pt_regs *regs)
{
	show_regs_print_info(KERN_DEFAULT);
	pr_info("RIP: %016lx %pS\n", regs->ip, (void *)regs->ip);
	pr_info("RSP: %016lx EFLAGS: %08lx %s\n", regs->sp, regs->flags,
		user_mode(regs) ? "(user)" : "(kernel)");
	pr_info("RAX: %016lx RBX: %016lx RCX: %016lx\n", regs->ax, regs->bx, regs->cx);
	pr_info("RDX: %016lx RSI: %016lx RDI: %016lx\n", regs->dx, regs->si, regs->di);
	pr_info("RBP: %016lx R08: %016lx R09: %016lx\n", regs->bp, regs->r8, regs->r9);
	pr_info("R10: %016lx R11: %016lx R12: %016lx\n", regs->r10, regs->r11, regs->r12);
	pr_info("R13: %016lx R14: %016lx R15: %016lx\n", regs->r13, regs->r14, regs->r15);
	pr_info("ORIG_RAX: %016lx FS_BASE: %016lx GS_BASE: %016lx\n",
		regs->orig_ax, regs->fs_base, regs->gs_base);
	if (!user_mode(regs))
		um_show_trace(current, regs, KERN_DEFAULT);
}
