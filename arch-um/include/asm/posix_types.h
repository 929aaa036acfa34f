/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_UM_POSIX_TYPES_H
#define _ASM_UM_POSIX_TYPES_H

#include <x86-uapi/asm/posix_types_64.h>

#endif
