/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The port's own kernel-side interfaces between its files (not used by
 * generic code).
 */
#ifndef _ASM_UM_UM_H
#define _ASM_UM_UM_H

#include <linux/types.h>
#include <linux/interrupt.h>
#include <asm/page.h>

struct host_boot_info;
struct pt_regs;
struct task_struct;
struct mm_struct;

extern struct host_boot_info um_boot_info;

/* switch.S */
void um_run_on_stack(unsigned long sp, void (*fn)(void)) __noreturn;
struct task_struct *um_switch_stack(unsigned long *save_sp, unsigned long new_sp,
				    struct task_struct *prev);
void um_new_task_entry(void);
/* process.c: the C start of every new task */
void um_new_task(struct task_struct *prev);

/* user.c: run the current task's user side, forever (exits through syscalls) */
void um_user_loop(void) __noreturn;

/* mem.c */
void paging_init(void);

/* irq.c */
extern unsigned long um_irq_count;
int um_request_irq_line(irq_handler_t handler, unsigned long flags,
			const char *name, void *dev);

/* page tables (tlb.c): the PTE mapping addr in mm, or NULL */
pte_t *um_find_pte(struct mm_struct *mm, unsigned long addr);
int um_vmalloc_fault(unsigned long addr);

/* fault.c: a fault on a user address of the current mm */
#define UM_FAULT_WRITE	1
#define UM_FAULT_EXEC	2
#define UM_FAULT_USER	4
int um_handle_mm_fault(unsigned long addr, unsigned int how);

/* stacktrace.c */
void um_show_trace(struct task_struct *task, struct pt_regs *regs, const char *loglvl);

/* traps.c */
void um_die(const char *what, struct pt_regs *regs, int signo) __noreturn;

/* time.c: sched_clock() starts counting */
void um_time_boot(void);

/* x86/vsyscall.c: the host's vsyscall page, 0 none, 1 execute only, 2 readable */
extern int um_vsyscall_mode;

/* x86/: arch_prctl for ptrace; ptrace register sets sized for the host's FPU state; signal frames */
long um_ptrace_arch_prctl(struct task_struct *child, int option, unsigned long arg);
void um_ptrace_init(void);
extern unsigned long um_fpu_xfeatures, um_fpu_mxcsr_mask;
unsigned long um_sigframe_size(void);

/* reboot.c */
void um_reboot_init(void);

/* drivers-virt/console */
void um_console_early_init(void);

#endif
