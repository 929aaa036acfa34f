/* SPDX-License-Identifier: GPL-2.0 */
/* Signal sets and actions of the x86_64 ABI, kernel view. */
#ifndef _ASM_UM_SIGNAL_H
#define _ASM_UM_SIGNAL_H

#ifndef __ASSEMBLY__
#include <linux/linkage.h>

#define _NSIG		64
#define _NSIG_BPW	64
#define _NSIG_WORDS	(_NSIG / _NSIG_BPW)

typedef unsigned long old_sigset_t;

typedef struct {
	unsigned long sig[_NSIG_WORDS];
} sigset_t;

#define __ARCH_HAS_SA_RESTORER

#endif

#include <x86-uapi/asm/signal.h>

#endif
