/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_UM_VDSO_CLOCKSOURCE_H
#define _ASM_UM_VDSO_CLOCKSOURCE_H

/*
 * The one counter the vDSO can read: the host's CLOCK_MONOTONIC in
 * nanoseconds, through the host's vDSO (os-host/vdso.c).
 */
#define VDSO_ARCH_CLOCKMODES	VDSO_CLOCKMODE_HOST

#endif
