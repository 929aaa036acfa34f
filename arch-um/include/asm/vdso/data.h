/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_UM_VDSO_DATA_H
#define _ASM_UM_VDSO_DATA_H

/* What the vDSO needs beyond the generic time data. */
struct arch_vdso_data {
	/* The host vDSO's clock_gettime() in this process, 0 if none. */
	unsigned long host_clock;
};

#endif
