// SPDX-License-Identifier: GPL-2.0
/*
 * The legacy vsyscall page. It is the host's: guest processes run in host
 * processes, which have it if the host does, at the fixed x86_64 address.
 * Calls into it reach the guest kernel as the system calls they stand for
 * (os-host/user.c); this file shows the page in /proc/PID/maps and lets the
 * kernel's memory code know it is there, with the host's permissions.
 */
#include <linux/init.h>
#include <linux/mm.h>
#include <asm/um.h>
#include <host.h>

int um_vsyscall_mode;

static const char *vsyscall_name(struct vm_area_struct *vma)
{
	return "[vsyscall]";
}

static const struct vm_operations_struct vsyscall_ops = {
	.name = vsyscall_name,
};

static struct vm_area_struct vsyscall_xonly = {
	.vm_start	= HOST_VSYSCALL_ADDR,
	.vm_end		= HOST_VSYSCALL_ADDR + PAGE_SIZE,
	.vm_flags	= VM_EXEC,
	.vm_ops		= &vsyscall_ops,
};

static struct vm_area_struct vsyscall_readable = {
	.vm_start	= HOST_VSYSCALL_ADDR,
	.vm_end		= HOST_VSYSCALL_ADDR + PAGE_SIZE,
	.vm_flags	= VM_READ | VM_EXEC,
	.vm_ops		= &vsyscall_ops,
};

struct vm_area_struct *get_gate_vma(struct mm_struct *mm)
{
	switch (um_vsyscall_mode) {
	case 1:
		return &vsyscall_xonly;
	case 2:
		return &vsyscall_readable;
	default:
		return NULL;
	}
}

int in_gate_area_no_mm(unsigned long addr)
{
	return um_vsyscall_mode && (addr & PAGE_MASK) == HOST_VSYSCALL_ADDR;
}

int in_gate_area(struct mm_struct *mm, unsigned long addr)
{
	return in_gate_area_no_mm(addr);
}
