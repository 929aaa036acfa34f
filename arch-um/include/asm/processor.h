/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_UM_PROCESSOR_H
#define _ASM_UM_PROCESSOR_H

#include <linux/types.h>
#include <asm/page.h>
#include <asm/ptrace.h>

/*
 * Top of the guest user address range. The few pages above it, up to the
 * host's own limit, hold the stub of each guest process's host process
 * (os-host/), which the guest's page tables and VMAs never describe.
 */
extern unsigned long um_task_size;
#define TASK_SIZE_MAX		_AC(0x7ffffff00000, UL)
#define TASK_SIZE		um_task_size
#define TASK_SIZE_OF(tsk)	TASK_SIZE
#define DEFAULT_MAP_WINDOW	TASK_SIZE
#define STACK_TOP		TASK_SIZE
#define STACK_TOP_MAX		TASK_SIZE_MAX
#define TASK_UNMAPPED_BASE	(PAGE_ALIGN(TASK_SIZE / 3))

#ifndef __ASSEMBLY__

struct task_struct;
struct mm_struct;

/*
 * Per task: the user registers (pt_regs), the saved kernel stack pointer
 * while switched out, and what a new thread starts with.
 */
struct thread_struct {
	struct pt_regs regs;		/* user registers */
	unsigned long ksp;		/* kernel stack pointer, switched out */
	int (*kthread_fn)(void *);	/* kernel thread entry, or NULL */
	void *kthread_arg;
	unsigned long trap_nr;		/* last trap, for signals and ptrace */
	unsigned long fault_address;
	unsigned long error_code;
	/*
	 * The FPU state (an XSAVE image, um_fpu_size bytes) follows the
	 * task_struct (ARCH_WANTS_DYNAMIC_TASK_STRUCT); see kernel/fpu.c.
	 * fpu_host: the host process whose registers hold the newest state,
	 * NULL when that area is up to date.
	 */
	struct um_mm *fpu_host;
};

#define INIT_THREAD { }

#define task_pt_regs(tsk)	(&(tsk)->thread.regs)
#define KSTK_EIP(tsk)		(task_pt_regs(tsk)->ip)
#define KSTK_ESP(tsk)		(task_pt_regs(tsk)->sp)

static __always_inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

register unsigned long current_stack_pointer __asm__("rsp");

/* Every kernel context runs on some task's kernel stack (host signals too). */
static __always_inline bool on_thread_stack(void)
{
	return true;
}

unsigned long __get_wchan(struct task_struct *p);

void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp);

#endif /* !__ASSEMBLY__ */
#endif
