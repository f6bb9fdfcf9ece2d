### English: ipc-bench: its progress, table, notes, targets, warnings and chart.

bench-measuring = measuring { $mechanism } { $size }
bench-header = ipc-bench: { $cpus } CPUs, { $pinning }; { $reps } repetitions of ~{ $seconds } s each, each after its own baseline probe
bench-pinned = parent on CPU { $parent }, child on CPU { $child }
bench-not-pinned = not pinned (one CPU)
bench-legend-latency = latency: one-way = half a ping-pong round trip; x line = ratio to the cache-line one-way latency
bench-legend-throughput = throughput: streaming, the receiver ends with the bytes in its buffer; x copy = ratio to the cross-core copy-out bandwidth
bench-legend-states = state per repetition: n = near, f = far (cache-line one-way above { $far } ns); ratios are the median of the per-repetition ratios [min-max]
## The table's columns that are words (the others are units and ratios).
bench-col-mechanism = mechanism
bench-col-size = size
bench-col-states = states
bench-unavailable = n/a: { $why }
bench-notes = notes:
bench-targets = targets (ring):
bench-target-met = met
bench-target-missed = MISSED
bench-target-line = { $mark } { $name }: { $value } { $unit } vs { $baseline } { $unit } = { $ratio }x (goal { $op } { $goal }x)
bench-target-ring-latency = ring 64 B one-way latency <= 2.0 x cache-line one-way latency
bench-target-ring-throughput = ring 1 MiB throughput >= 0.8 x cross-core copy bandwidth
bench-target-ring-latency-best = ring latency at { $size } better than every kernel mechanism (best: { $best })
bench-target-ring-throughput-best = ring throughput at { $size } better than every kernel mechanism (best: { $best })
bench-warning = warning: { $warning }
bench-more-warnings = … and { $count } more (all of them in --json): the figures are unreliable, measure again on a quiet machine
bench-one-cpu = one CPU only: both processes share it, latencies include context switches
bench-busy-others = other processes used { $percent }% of the CPUs
bench-busy-steal = the hypervisor stole { $percent }%
bench-pieces = sent as { $count } messages of { $piece } ({ $limit })
bench-ring-slots = { $slots } slots of { $capacity }; a message spans several
bench-no-dir = the directory { $dir } does not exist
bench-no-dir-hint = create it first (mkdir -p { $dir })
bench-svg-unwritable = cannot be written: { $error }
## The mechanisms, for the table's legend.
bench-mech-pipe = pipe(2), one per direction
bench-mech-fifo = named pipe (mkfifo), one per direction
bench-mech-socket = Unix domain stream socket (socketpair)
bench-mech-posix-mq = POSIX message queue, one per direction
bench-mech-sysv-msg = System V message queue, one mtype per direction
bench-mech-shm-sem = shared memory, one buffer and two semaphores per direction
bench-mech-ring = shared-memory SPSC ring, spin then futex
## The chart (--svg).
bench-chart-latency = one-way latency (median)
bench-chart-throughput = streaming throughput
bench-chart-line = cache line (hardware)
bench-chart-copy = copy-out (hardware)
bench-chart-size = message size (bytes)
bench-arg-size-bad = '{ $value }' is not a size: give bytes from 1 to 64M, e.g. 64, 4K, 1M
bench-arg-seconds-bad = '{ $value }' is not a duration: give seconds from 0.001 to 60
