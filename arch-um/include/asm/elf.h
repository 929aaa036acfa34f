/* SPDX-License-Identifier: GPL-2.0 */
/* Guest programs are x86_64 ELF executables. */
#ifndef _ASM_UM_ELF_H
#define _ASM_UM_ELF_H

#include <linux/types.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <uapi/linux/elf-em.h>

typedef unsigned long elf_greg_t;
#define ELF_NGREG	UM_NR_USER_REGS
typedef elf_greg_t elf_gregset_t[ELF_NGREG];

/* The fxsave image, as struct user_i387_struct of x86_64. */
struct um_user_fxsr {
	unsigned short cwd, swd, twd, fop;
	unsigned long rip, rdp;
	unsigned int mxcsr, mxcsr_mask;
	unsigned int st_space[32];
	unsigned int xmm_space[64];
	unsigned int padding[24];
};
typedef struct um_user_fxsr elf_fpregset_t;

#define ELF_CLASS	ELFCLASS64
#define ELF_DATA	ELFDATA2LSB
#define ELF_ARCH	EM_X86_64
#define elf_check_arch(x)	((x)->e_machine == EM_X86_64)

#define ELF_EXEC_PAGESIZE	4096
#define ELF_ET_DYN_BASE		(DEFAULT_MAP_WINDOW / 3 * 2)
/* Stack top randomization over 16 GiB, as x86_64 programs get natively. */
#define STACK_RND_MASK		0x3fffffUL
#define ELF_PLATFORM		("x86_64")

extern unsigned long um_elf_hwcap, um_elf_hwcap2;
#define ELF_HWCAP		(um_elf_hwcap)
#define ELF_HWCAP2		(um_elf_hwcap2)

/* Core dumps take the registers from the ptrace register sets. */
#define CORE_DUMP_USE_REGSET

#define ELF_PLAT_INIT(regs, load_addr)					\
do {									\
	struct pt_regs *__r = (regs);					\
	__r->bx = __r->cx = __r->dx = __r->si = __r->di = __r->bp = 0;	\
	__r->r8 = __r->r9 = __r->r10 = __r->r11 = 0;			\
	__r->r12 = __r->r13 = __r->r14 = __r->r15 = 0;			\
	__r->ax = 0;							\
} while (0)

/* What the x86_64 ABI gives a new program besides the generic entries. */
unsigned long um_sigframe_size(void);
#define ARCH_DLINFO							\
do {									\
	if (current->mm->context.vdso)					\
		NEW_AUX_ENT(AT_SYSINFO_EHDR, current->mm->context.vdso);	\
	NEW_AUX_ENT(AT_MINSIGSTKSZ, um_sigframe_size());		\
} while (0)

#define ARCH_HAS_SETUP_ADDITIONAL_PAGES 1
struct linux_binprm;
int arch_setup_additional_pages(struct linux_binprm *bprm, int uses_interp);

#define SET_PERSONALITY(ex)	set_personality(PER_LINUX | (current->personality & ~PER_MASK))

#endif
