// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/cpuinfo: the host CPU the guest's code really runs on, as the host
 * describes it, plus the port's own view (the delay loop is time-based, so
 * BogoMIPS is a fixed figure).
 */
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/seq_file.h>
#include <linux/utsname.h>
#include <asm/um.h>

#include <host.h>

static int show_cpuinfo(struct seq_file *m, void *v)
{
	struct host_boot_info *h = &um_boot_info;
	unsigned long cpu = (unsigned long)v - 1;

	seq_printf(m, "processor\t: %lu\n", cpu);
	seq_printf(m, "vendor_id\t: %s\n", h->cpu_vendor);
	seq_printf(m, "cpu family\t: %u\n", h->cpu_family);
	seq_printf(m, "model\t\t: %u\n", h->cpu_model_nr);
	seq_printf(m, "model name\t: %s\n", h->cpu_model);
	seq_printf(m, "stepping\t: %u\n", h->cpu_stepping);
	if (h->cpu_mhz)
		seq_printf(m, "cpu MHz\t\t: %lu\n", h->cpu_mhz);
	seq_printf(m, "flags\t\t: %s\n", h->cpu_flags);
	seq_printf(m, "bogomips\t: %lu.%02lu\n",
		   loops_per_jiffy / (500000 / HZ),
		   (loops_per_jiffy / (5000 / HZ)) % 100);
	seq_printf(m, "host\t\t: Linux %s %s\n", h->host_release, h->host_machine);
	seq_puts(m, "\n");
	return 0;
}

/* Position n of /proc/cpuinfo is the n-th online CPU; the cookie is its number + 1. */
static void *cpuinfo_at(loff_t pos)
{
	unsigned int cpu = cpumask_nth(pos, cpu_online_mask);

	return cpu < nr_cpu_ids ? (void *)(unsigned long)(cpu + 1) : NULL;
}

static void *cpuinfo_start(struct seq_file *m, loff_t *pos)
{
	return cpuinfo_at(*pos);
}

static void *cpuinfo_next(struct seq_file *m, void *v, loff_t *pos)
{
	return cpuinfo_at(++*pos);
}

static void cpuinfo_stop(struct seq_file *m, void *v)
{
}

const struct seq_operations cpuinfo_op = {
	.show	= show_cpuinfo,
	.start	= cpuinfo_start,
	.next	= cpuinfo_next,
	.stop	= cpuinfo_stop,
};
