### Tiếng Việt: ipc-bench: its progress, table, notes, targets, warnings and chart.

bench-measuring = đang đo { $mechanism } { $size }
bench-header = ipc-bench: { $cpus } CPU, { $pinning }; { $reps } lần lặp, mỗi lần ~{ $seconds } s, mỗi lần sau một phép đo mốc riêng
bench-pinned = tiến trình cha ở CPU { $parent }, tiến trình con ở CPU { $child }
bench-not-pinned = không gắn CPU (chỉ có một CPU)
bench-legend-latency = độ trễ: một chiều = nửa vòng ping-pong; x line = tỉ lệ so với độ trễ một chiều của một cache line
bench-legend-throughput = thông lượng: truyền liên tục, bên nhận kết thúc khi các byte đã nằm trong bộ đệm của nó; x copy = tỉ lệ so với băng thông chép ra giữa hai lõi
bench-legend-states = trạng thái mỗi lần lặp: n = gần, f = xa (cache line một chiều trên { $far } ns); các tỉ lệ là trung vị của tỉ lệ từng lần lặp [nhỏ nhất-lớn nhất]
## The table's columns that are words (the others are units and ratios).
bench-col-mechanism = cơ chế
bench-col-size = cỡ
bench-col-states = t.thái
bench-unavailable = không đo được: { $why }
bench-notes = ghi chú:
bench-targets = mục tiêu (ring):
bench-target-met = đạt
bench-target-missed = TRƯỢT
bench-target-line = { $mark } { $name }: { $value } { $unit } so với { $baseline } { $unit } = { $ratio }x (mục tiêu { $op } { $goal }x)
bench-target-ring-latency = độ trễ một chiều của ring với 64 B <= 2.0 x độ trễ một chiều của cache line
bench-target-ring-throughput = thông lượng của ring với 1 MiB >= 0.8 x băng thông chép giữa hai lõi
bench-target-ring-latency-best = độ trễ của ring ở { $size } tốt hơn mọi cơ chế qua kernel (tốt nhất: { $best })
bench-target-ring-throughput-best = thông lượng của ring ở { $size } tốt hơn mọi cơ chế qua kernel (tốt nhất: { $best })
bench-warning = cảnh báo: { $warning }
bench-more-warnings = … và { $count } cảnh báo nữa (tất cả có trong --json): các số đo không đáng tin, hãy đo lại trên một máy rảnh
bench-one-cpu = chỉ có một CPU: hai tiến trình dùng chung nó, độ trễ bao gồm cả chuyển ngữ cảnh
bench-busy-others = các tiến trình khác đã dùng { $percent }% CPU
bench-busy-steal = hypervisor đã lấy mất { $percent }%
bench-pieces = gửi thành { $count } thông điệp { $piece } ({ $limit })
bench-ring-slots = { $slots } ô, mỗi ô { $capacity }; một thông điệp chiếm nhiều ô
bench-no-dir = thư mục { $dir } không tồn tại
bench-no-dir-hint = hãy tạo nó trước (mkdir -p { $dir })
bench-svg-unwritable = không ghi được: { $error }
## The mechanisms, for the table's legend.
bench-mech-pipe = pipe(2), mỗi chiều một pipe
bench-mech-fifo = pipe có tên (mkfifo), mỗi chiều một pipe
bench-mech-socket = Unix domain stream socket (socketpair)
bench-mech-posix-mq = hàng đợi thông điệp POSIX, mỗi chiều một hàng đợi
bench-mech-sysv-msg = hàng đợi thông điệp System V, mỗi chiều một mtype
bench-mech-shm-sem = shared memory, mỗi chiều một bộ đệm và hai semaphore
bench-mech-ring = ring SPSC trong shared memory, quay chờ (spin) rồi futex
## The chart (--svg).
bench-chart-latency = độ trễ một chiều (trung vị)
bench-chart-throughput = thông lượng khi truyền liên tục
bench-chart-line = cache line (phần cứng)
bench-chart-copy = chép ra (phần cứng)
bench-chart-size = kích thước thông điệp (byte)
bench-arg-size-bad = '{ $value }' không phải là một kích thước: hãy cho số byte từ 1 đến 64M, ví dụ 64, 4K, 1M
bench-arg-seconds-bad = '{ $value }' không phải là một khoảng thời gian: hãy cho số giây từ 0.001 đến 60
