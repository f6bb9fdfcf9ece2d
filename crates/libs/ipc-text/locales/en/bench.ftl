### English: ipc-bench.
