/* SPDX-License-Identifier: GPL-2.0 */
/* System call numbers: the x86_64 table (kernel/Makefile.syscalls). */
#ifndef _ASM_UM_UNISTD_H
#define _ASM_UM_UNISTD_H

#include <asm/unistd_64.h>

#define NR_syscalls (__NR_syscalls)

#define __ARCH_WANT_NEW_STAT
#define __ARCH_WANT_OLD_READDIR
#define __ARCH_WANT_SYS_ALARM
#define __ARCH_WANT_SYS_CLONE
#define __ARCH_WANT_SYS_CLONE3
#define __ARCH_WANT_SYS_FADVISE64
#define __ARCH_WANT_SYS_FORK
#define __ARCH_WANT_SYS_GETPGRP
#define __ARCH_WANT_SYS_PAUSE
#define __ARCH_WANT_SYS_TIME
#define __ARCH_WANT_SYS_UTIME
#define __ARCH_WANT_SYS_VFORK

#endif
