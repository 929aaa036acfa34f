// SPDX-License-Identifier: GPL-2.0
/*
 * From the host's main() to start_kernel(), and setup_arch().
 */
#include <linux/init.h>
#include <linux/initrd.h>
#include <linux/memblock.h>
#include <linux/sched/task.h>
#include <linux/start_kernel.h>
#include <linux/string.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/um.h>
#include <asm/um_mm.h>

#include <host.h>

/* What the host found out before boot; the strings stay valid. */
struct host_boot_info um_boot_info;

unsigned long um_phys_end;
/* The guest user range's hole for the host's stub, and the host's top. */
unsigned long um_user_hole_start = TASK_SIZE_MAX, um_user_hole_end = TASK_SIZE_MAX;
unsigned long um_user_top = TASK_SIZE_MAX;
unsigned long um_user_bottom = PAGE_SIZE;
unsigned long um_elf_hwcap, um_elf_hwcap2;

static char __initdata command_line[COMMAND_LINE_SIZE];

static void __init um_start(void)
{
	start_kernel();
}

/* Called by the host's main() on the host stack; switches to init_task's. */
void __ref kernel_boot(struct host_boot_info *info)
{
	um_boot_info = *info;
	um_phys_end = info->phys_size;
	um_elf_hwcap = info->elf_hwcap;
	um_elf_hwcap2 = info->elf_hwcap2;
	um_vsyscall_mode = info->vsyscall;
	um_user_hole_start = info->user_hole_start;
	um_user_hole_end = info->user_hole_end;
	um_user_top = min(info->user_top, TASK_SIZE_MAX);
	um_user_bottom = info->user_bottom;
	um_fpu_size = info->fpu_size;
	um_fpu_xfeatures = info->fpu_xfeatures;
	um_fpu_mxcsr_mask = info->fpu_mxcsr_mask;
	um_mm_pages = info->mm_pages;
	um_mm_limit = info->mm_limit;
	um_time_boot();
	um_run_on_stack((unsigned long)init_stack + THREAD_SIZE, um_start);
}

static void __init um_setup_initrd(void)
{
#ifdef CONFIG_BLK_DEV_INITRD
	/* initrd=FILE was loaded by the host; it is not "initrd=start,size". */
	phys_initrd_start = um_boot_info.initrd_start;
	phys_initrd_size = um_boot_info.initrd_size;
	if (phys_initrd_size)
		reserve_initrd_mem();
#endif
}

void __init setup_arch(char **cmdline_p)
{
	um_reboot_init();

	strscpy(boot_command_line, um_boot_info.cmdline, COMMAND_LINE_SIZE);
	strscpy(command_line, boot_command_line, COMMAND_LINE_SIZE);
	*cmdline_p = command_line;
	/* Early options first, so that "quiet" and "loglevel=" hold from the start. */
	parse_early_param();
	if (IS_ENABLED(CONFIG_UM_CONSOLE))
		um_console_early_init();

	pr_info("Host: Linux %s %s, guest physical memory %lu MiB (kernel image %lu KiB)\n",
		um_boot_info.host_release, um_boot_info.host_machine,
		um_phys_end >> 20, um_boot_info.image_end >> 10);
	pr_info("User address space up to %#lx, host stub at %#lx-%#lx, FPU state %lu bytes (XSAVE components %#lx)\n",
		um_user_top, um_user_hole_start, um_user_hole_end, um_fpu_size,
		um_fpu_xfeatures);
	pr_info("Guest processes: %s backend, %lu at most\n",
		um_boot_info.user_backend, um_mm_limit);

	memblock_add(0, um_phys_end);
	memblock_reserve(0, um_boot_info.image_end);
	um_setup_initrd();

	/* Each task carries its FPU state right after its task_struct. */
	arch_task_struct_size = ALIGN(sizeof(struct task_struct), 64) + um_fpu_size;
	um_ptrace_init();

	min_low_pfn = 0;
	max_low_pfn = max_pfn = PFN_DOWN(um_phys_end);

	paging_init();
}

/*
 * Options the host already acted on (os-host/main.c). Accepting them here
 * keeps them out of init's arguments and environment; they still show in
 * /proc/cmdline.
 */
static int __init um_host_option(char *s)
{
	return 1;
}
#define UM_HOST_OPTION(name, id) __setup_param(name, id, um_host_option, 0)
UM_HOST_OPTION("mem=", um_opt_mem);
UM_HOST_OPTION("con=", um_opt_con);
UM_HOST_OPTION("con0=", um_opt_con0);
UM_HOST_OPTION("con1=", um_opt_con1);
UM_HOST_OPTION("con2=", um_opt_con2);
UM_HOST_OPTION("con3=", um_opt_con3);
UM_HOST_OPTION("con4=", um_opt_con4);
UM_HOST_OPTION("con5=", um_opt_con5);
UM_HOST_OPTION("con6=", um_opt_con6);
UM_HOST_OPTION("con7=", um_opt_con7);
UM_HOST_OPTION("ubd", um_opt_ubd);	/* ubdN[flags]=, all of them */
UM_HOST_OPTION("eth0=", um_opt_eth0);
UM_HOST_OPTION("eth1=", um_opt_eth1);
UM_HOST_OPTION("eth2=", um_opt_eth2);
UM_HOST_OPTION("eth3=", um_opt_eth3);
UM_HOST_OPTION("eth4=", um_opt_eth4);
UM_HOST_OPTION("eth5=", um_opt_eth5);
UM_HOST_OPTION("eth6=", um_opt_eth6);
UM_HOST_OPTION("eth7=", um_opt_eth7);
UM_HOST_OPTION("eth8=", um_opt_eth8);
UM_HOST_OPTION("eth9=", um_opt_eth9);
UM_HOST_OPTION("eth10=", um_opt_eth10);
UM_HOST_OPTION("eth11=", um_opt_eth11);
UM_HOST_OPTION("eth12=", um_opt_eth12);
UM_HOST_OPTION("eth13=", um_opt_eth13);
UM_HOST_OPTION("eth14=", um_opt_eth14);
UM_HOST_OPTION("eth15=", um_opt_eth15);
