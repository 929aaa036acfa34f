// SPDX-License-Identifier: GPL-2.0
/* The smallest static program: what fork+exec+wait executes. */
void _start(void)
{
	__asm__ volatile("mov $60, %eax\n\txor %edi, %edi\n\tsyscall");
}
