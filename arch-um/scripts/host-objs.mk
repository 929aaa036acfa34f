# SPDX-License-Identifier: GPL-2.0
#
# Included by a kbuild Makefile after it lists its host objects in
# host-objs: those are compiled as ordinary glibc programs' objects, with
# UM_HOST_CFLAGS (arch/um/Makefile) instead of the kernel's flags.
$(addprefix $(obj)/,$(host-objs)): c_flags = $(UM_HOST_CFLAGS) \
	-I$(objtree)/include $(CFLAGS_$(basetarget).o)
