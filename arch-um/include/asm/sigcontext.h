/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_UM_SIGCONTEXT_H
#define _ASM_UM_SIGCONTEXT_H

#include <x86-uapi/asm/sigcontext.h>

#endif
