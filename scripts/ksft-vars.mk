# SPDX-License-Identifier: GPL-2.0
# Read after a selftest's own Makefile: prints the files it runs and needs.
ksft-print-vars:
	@echo "PROGS: $(notdir $(TEST_GEN_PROGS) $(TEST_CUSTOM_PROGS) $(TEST_PROGS))"
	@echo "FILES: $(notdir $(TEST_GEN_PROGS_EXTENDED) $(TEST_GEN_FILES) $(TEST_FILES))"
