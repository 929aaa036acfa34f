/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The stub: the few pages of code and data at the top of every guest
 * process's host address space, above the guest's user range. Shared by
 * the host side (os-host/user.c) and the stub code (os-host/stub.c), which
 * runs inside the guest process and sees nothing else of the program.
 *
 * Layout of the stub region, from its base:
 *   STUB_CODE  the stub's code (read and execute; a copy of .um_stub)
 *   STUB_PAGE  the command page: one guest physical page, shared with the
 *              kernel, for mapping operations and fault reports
 *   STUB_STACK the stub's own stack
 *   STUB_SIGSTACK the stack its SIGSEGV handler runs on
 */
#ifndef UM_STUB_H
#define UM_STUB_H

#define STUB_REGION	(1UL << 20)		/* whole region: 1 MiB */
#define STUB_CODE	0x00000UL
#define STUB_CODE_MAX	0x10000UL
#define STUB_PAGE	0x10000UL
#define STUB_STACK	0x20000UL		/* .. +STUB_STACK_SIZE */
#define STUB_STACK_SIZE	0x20000UL
#define STUB_SIGSTACK	0x40000UL
#define STUB_SIGSTACK_SIZE 0x40000UL

/* One mapping operation for the stub to carry out. */
enum { STUB_OP_MMAP = 1, STUB_OP_MUNMAP, STUB_OP_MPROTECT };

struct stub_op {
	unsigned int kind;
	int prot;		/* PROT_* */
	unsigned long addr, len;
	unsigned long offset;	/* MMAP: offset in the physical memory file */
};

#define STUB_NGREGS 23		/* the x86_64 mcontext gregs */

/* The command page. */
struct stub_page {
	/* Filled by the stub's SIGSEGV handler. */
	unsigned long fault_addr;
	unsigned long fault_err;	/* x86 page-fault error code */
	unsigned long fault_trapno;
	unsigned long fault_gregs[STUB_NGREGS];
	long fault_code;		/* si_code */
	unsigned long fault_fsbase, fault_gsbase;
	unsigned long use_fsgsbase;	/* set at creation: read the bases too */
	/* Mapping operations: the host side writes them, the stub runs them. */
	unsigned int done;		/* stub: how many succeeded */
	long error;			/* stub: -errno of the first failure */
	struct stub_op ops[];
};

#define STUB_PAGE_SIZE	4096UL
#define STUB_MAX_OPS	((STUB_PAGE_SIZE - sizeof(struct stub_page)) / sizeof(struct stub_op))

/* Entry points in the stub code, as offsets from the region's base. */
extern char __um_stub_start[], __um_stub_end[];
void stub_child_entry(void);
void stub_run_ops(long fd, unsigned long n);
void stub_segv(int sig, void *info, void *uc);

#endif
