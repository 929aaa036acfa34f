// SPDX-License-Identifier: GPL-2.0
/*
 * The current task's user side. Running guest programs needs a userspace
 * backend (a host process per address space); this build has none yet, so
 * a task that reaches user mode stops the guest with a clear message.
 */
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/pid.h>
#include <asm/um.h>

void um_user_loop(void)
{
	pr_emerg("%s (pid %d) is ready to run in user mode, but this build cannot run guest programs yet: halting\n",
		 current->comm, task_pid_nr(current));
	kernel_halt();
	for (;;)
		;
}
