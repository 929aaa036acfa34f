/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_UM_THREAD_INFO_H
#define _ASM_UM_THREAD_INFO_H

#include <asm/page.h>

/*
 * Kernel stacks are 32 KiB: interrupts are host signals delivered on the
 * current kernel stack, and a host signal frame with the AVX-512 state
 * alone takes about 3 KiB.
 */
#define THREAD_SIZE_ORDER	3
#define THREAD_SIZE		(PAGE_SIZE << THREAD_SIZE_ORDER)

#ifndef __ASSEMBLY__

#include <linux/types.h>

struct thread_info {
	unsigned long flags;		/* TIF_* bits */
	unsigned long syscall_work;	/* SYSCALL_WORK_* bits */
	int preempt_count;
};

#define INIT_THREAD_INFO(tsk)				\
{							\
	.flags		= 0,				\
	.preempt_count	= INIT_PREEMPT_COUNT,		\
}

#endif

#define TIF_SYSCALL_TRACE	0	/* syscall trace active */
#define TIF_SIGPENDING		1	/* signal pending */
#define TIF_NEED_RESCHED	2	/* rescheduling necessary */
#define TIF_NOTIFY_RESUME	3	/* callback before returning to user */
#define TIF_SYSCALL_AUDIT	4
#define TIF_SECCOMP		5
#define TIF_RESTORE_SIGMASK	6
#define TIF_NOTIFY_SIGNAL	7
#define TIF_SYSCALL_TRACEPOINT	8
#define TIF_SINGLESTEP		9
#define TIF_UPROBE		10
#define TIF_PATCH_PENDING	11
#define TIF_MEMDIE		12
#define TIF_POLLING_NRFLAG	13

#define _TIF_SYSCALL_TRACE	(1 << TIF_SYSCALL_TRACE)
#define _TIF_SIGPENDING		(1 << TIF_SIGPENDING)
#define _TIF_NEED_RESCHED	(1 << TIF_NEED_RESCHED)
#define _TIF_NOTIFY_RESUME	(1 << TIF_NOTIFY_RESUME)
#define _TIF_SYSCALL_AUDIT	(1 << TIF_SYSCALL_AUDIT)
#define _TIF_SECCOMP		(1 << TIF_SECCOMP)
#define _TIF_RESTORE_SIGMASK	(1 << TIF_RESTORE_SIGMASK)
#define _TIF_NOTIFY_SIGNAL	(1 << TIF_NOTIFY_SIGNAL)
#define _TIF_SYSCALL_TRACEPOINT	(1 << TIF_SYSCALL_TRACEPOINT)
#define _TIF_SINGLESTEP		(1 << TIF_SINGLESTEP)
#define _TIF_UPROBE		(1 << TIF_UPROBE)
#define _TIF_PATCH_PENDING	(1 << TIF_PATCH_PENDING)
#define _TIF_MEMDIE		(1 << TIF_MEMDIE)
#define _TIF_POLLING_NRFLAG	(1 << TIF_POLLING_NRFLAG)

#endif
