/* SPDX-License-Identifier: GPL-2.0 */
/* What the vDSO's code and the kernel's share of <asm/processor.h>. */
#ifndef _ASM_UM_VDSO_PROCESSOR_H
#define _ASM_UM_VDSO_PROCESSOR_H

#ifndef __ASSEMBLY__

static __always_inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

#endif
#endif
