### Tiếng Việt: ipc-bench.
