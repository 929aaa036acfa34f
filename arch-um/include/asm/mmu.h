/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_UM_MMU_H
#define _ASM_UM_MMU_H

struct um_mm;

/* Per address space: the host process that carries it, once it has one. */
typedef struct {
	struct um_mm *host;
	unsigned long vdso;	/* where the vDSO is mapped, 0 if not */
} mm_context_t;

#endif
