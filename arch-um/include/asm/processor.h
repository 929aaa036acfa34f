/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_UM_PROCESSOR_H
#define _ASM_UM_PROCESSOR_H

#include <asm/vdso/processor.h>
#include <linux/types.h>
#include <asm/page.h>
#include <asm/ptrace.h>

/*
 * The guest user address range is x86_64's with 4-level page tables, up
 * to the 47-bit limit. One hole in it belongs to the host: the stub region
 * of each guest process's host process (os-host/), near the top, which the
 * guest's page tables and VMAs never describe; mappings there, or above
 * what the host can map, are refused (um_user_range_ok). Stacks and
 * mappings the kernel places itself go below the hole. Nor can guest
 * memory lie below the host's vm.mmap_min_addr: host processes hold no
 * capabilities, so the host maps nothing there for them; a fixed mapping
 * there fails with EPERM, as for an unprivileged native process.
 */
#define TASK_SIZE_MAX		_AC(0x7ffffffff000, UL)
#define TASK_SIZE		TASK_SIZE_MAX
#define TASK_SIZE_OF(tsk)	TASK_SIZE
#define DEFAULT_MAP_WINDOW	TASK_SIZE
#define STACK_TOP		um_user_hole_start
#define STACK_TOP_MAX		TASK_SIZE_MAX
#define TASK_UNMAPPED_BASE	(PAGE_ALIGN(DEFAULT_MAP_WINDOW / 3))

#ifndef __ASSEMBLY__
extern unsigned long um_user_hole_start, um_user_hole_end, um_user_top, um_user_bottom;

/* May guest memory lie at [addr, addr + len)? */
static inline bool um_user_range_ok(unsigned long addr, unsigned long len)
{
	unsigned long end = addr + len;

	return end >= addr && end <= um_user_top && addr >= um_user_bottom &&
	       (end <= um_user_hole_start || addr >= um_user_hole_end);
}

/* Placed mappings end below the hole; fixed ones must avoid it and the bottom. */
#define arch_get_mmap_end(addr, len, flags)	(um_user_hole_start)
#define arch_mmap_check(addr, len, flags)					\
	(!((flags) & MAP_FIXED) || um_user_range_ok(addr, len) ? 0 :		\
	 (addr) < um_user_bottom ? -EPERM : -ENOMEM)
#endif

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
