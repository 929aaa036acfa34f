// SPDX-License-Identifier: GPL-2.0
/* Offsets for assembly code (include/generated/asm-offsets.h). */
#define COMPILE_OFFSETS

#include <linux/kbuild.h>
#include <linux/sched.h>

int main(void)
{
	DEFINE(UM_THREAD_SIZE, THREAD_SIZE);
	OFFSET(UM_TASK_KSP, task_struct, thread.ksp);
	return 0;
}
