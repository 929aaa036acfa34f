/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel stack switching: the whole of a context switch between kernel
 * threads, which are coroutines of the one host thread.
 */
#include <linux/linkage.h>

	.text

/*
 * struct task_struct *um_switch_stack(unsigned long *save_sp,
 *				       unsigned long new_sp,
 *				       struct task_struct *prev)
 *
 * Saves the callee-saved registers on the current stack and the stack
 * pointer in *save_sp, continues on new_sp where a previous call saved
 * (or copy_thread() prepared) the same frame, and returns prev there.
 */
SYM_FUNC_START(um_switch_stack)
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	movq	%rdx, %rax
	ret
SYM_FUNC_END(um_switch_stack)

/*
 * Where a new task starts: "returned" to from um_switch_stack with the
 * previous task in %rax. The frame pointer chain ends here.
 */
SYM_FUNC_START(um_new_task_entry)
	xorl	%ebp, %ebp
	movq	%rax, %rdi
	call	um_new_task
	ud2
SYM_FUNC_END(um_new_task_entry)

/*
 * void um_run_on_stack(unsigned long sp, void (*fn)(void))
 * Calls fn on a fresh stack; fn does not return.
 */
SYM_FUNC_START(um_run_on_stack)
	movq	%rdi, %rsp
	xorl	%ebp, %ebp
	call	*%rsi
	ud2
SYM_FUNC_END(um_run_on_stack)
