### Tiếng Việt: what a check of the grader says when it fails (ipc-grade checks.rs, runner.rs).
### Quoted output (`B received: …`, `priority`, `ready`, `cleaned up`), call and flag names,
### options and numbers stay as they are: they are the program's lines and the system's names.

## The objects a run made, named in `left behind: …`, `missing: …` and `still there: …`.
grade-object-posix-shm = object shared memory POSIX /{ $name }
grade-object-named-semaphore = semaphore có tên /{ $name }
grade-object-posix-queue = hàng đợi thông điệp POSIX /{ $name }
grade-object-sysv-segment = segment System V id { $id } (key { $key })
grade-object-sysv-queue = hàng đợi thông điệp System V id { $id } (key { $key })
grade-object-sysv-semaphores = tập semaphore System V id { $id } (key { $key })
## What kind of shared memory an exercise asks for, inside the sentences below.
grade-shm-kind-sysv = segment System V
grade-shm-kind-posix = object shared memory POSIX

## Every check.
grade-fail-left-behind = còn sót lại: { $objects } (trình chấm đã xóa; hãy xóa những gì bạn tạo ra, kể cả khi gặp lỗi)
grade-fail-output-right-but = kết quả in ra đúng, nhưng { $why }
grade-fail-line-differs = dòng { $line } của kết quả in ra: dự kiến `{ $expected }`, nhận được `{ $got }`
grade-fail-too-few-lines = kết quả in ra chỉ có { $count } dòng; dòng { $line } phải là `{ $expected }`
grade-fail-extra-output = kết quả in ra có thêm dòng không mong đợi: `{ $got }`
grade-fail-refusal-silent = mã thoát 1 nhưng stderr trống: hãy nói rõ lỗi gì trong một dòng
grade-fail-refused-after-printing = đã từ chối, nhưng trước đó lại in ra `{ $printed }…`
grade-fail-skipped-after-hang = bỏ qua: một lần chạy trước đó của bài tập này bị treo

## ex01 and ex02: A forks B, they exchange a message and its reply through shared memory.
grade-fail-not-seen-b-received = trình chấm không thấy dòng `B received` được ghi ra
grade-fail-b-line-by-a = `B received: …` do chính A in ra; B phải là một tiến trình con (fork) đọc thông điệp từ shared memory
grade-fail-b-line-not-by-child = `B received: …` được in ra bởi một tiến trình không do A fork ra
grade-fail-b-saw-no-message = khi B in ra, không { $what } nào mà B đã map chứa thông điệp (một chuỗi C ở offset 0)
grade-fail-not-seen-a-received = trình chấm không thấy dòng `A received` được ghi ra
grade-fail-a-line-not-by-a = `A received: …` không phải do A in ra
grade-fail-a-did-not-wait = A in dòng của mình khi chưa chờ B kết thúc (hãy gọi waitpid với pid của B trước)
grade-fail-b-did-not-reply = khi B kết thúc, { $what } của B không chứa câu trả lời `{ $reply }`: B phải tự ghi câu trả lời này
grade-fail-a-saw-no-reply = khi A in ra, { $what } của A không chứa câu trả lời `{ $reply }` của B
grade-fail-no-shmget-private = A không tạo segment bằng shmget(IPC_PRIVATE, …)
grade-fail-no-shm-open-excl = A không tạo /{ $name } bằng shm_open(O_CREAT|O_EXCL|O_RDWR)
grade-fail-b-did-not-open = B không mở /{ $name } theo tên của nó (shm_open trong B)
grade-fail-a-sleeps = A gọi sleep (nanosleep): hãy chờ B kết thúc thay vì sleep

## ex03: A sends every message with its priority, B prints what it receives.
grade-fail-no-mq-open-excl = A không tạo hàng đợi { $queue } bằng mq_open(O_CREAT|O_EXCL)
grade-fail-not-sent-in-order = A không gửi `message I` với độ ưu tiên PI cho từng độ ưu tiên, theo đúng thứ tự (mq_send)
grade-fail-not-seen-priority-lines = trình chấm không thấy các dòng `priority` được ghi ra
grade-fail-priority-lines-not-by-b = các dòng `priority` không phải do một tiến trình con của A (B) in ra
grade-fail-not-what-b-received = các dòng B in ra không phải là các thông điệp B đã nhận từ hàng đợi (mq_receive), theo thứ tự nhận

## ex04 and ex05: children at once, each update under a semaphore the grader holds.
grade-fail-forked = A đã fork { $forked } tiến trình con, không phải { $wanted }
grade-fail-never-together = { $workers } tiến trình con chưa bao giờ chạy đồng thời (nhiều nhất chỉ { $together } tiến trình cùng lúc): hãy fork tất cả, rồi mới chờ chúng
grade-fail-no-semaphore-at-start = khi các tiến trình con bắt đầu, semaphore /{ $name } chưa tồn tại hoặc có giá trị 0 (hãy sem_open nó với giá trị 1 trước khi fork)
grade-fail-went-on-unlocked = { $unlocked } trong số { $workers } tiến trình con vẫn chạy tiếp trong khi trình chấm giữ /{ $name }: hãy lấy semaphore (sem_wait) trước khi chạm vào shared memory
grade-fail-nobody-waited = không tiến trình con nào chờ /{ $name } trong khi trình chấm giữ nó: mỗi lần cập nhật phải giữ semaphore này (sem_wait)
grade-fail-not-seen-total = trình chấm không thấy dòng tổng được ghi ra
grade-fail-total-not-shared = tổng mà A in ra không nằm trong shared memory của A
grade-fail-total-before-children = bộ đếm trong shared memory của A đã chứa sẵn tổng trước khi các tiến trình con chạy
grade-fail-not-seen-children-end = trình chấm không thấy các tiến trình con kết thúc
grade-fail-counter-not-total = khi tiến trình con cuối cùng kết thúc, bộ đếm trong shared memory là { $value }, không phải tổng { $total }: các tiến trình con phải tự làm các phép cộng
grade-fail-counter-not-mapped = tiến trình con kết thúc cuối cùng không map bộ đếm trong shared memory
grade-fail-total-not-in-shared-memory = tổng mà A in ra không nằm trong shared memory mà A chia sẻ với các tiến trình con

## ex05: one mover alone, then both at once.
grade-fail-first-mover = khi chạy riêng một tiến trình chuyển tiền, { $moves } lần chuyển của nó phải để lại số dư { $low } và { $high }; kết quả không như vậy (tiền không được chuyển như đặc tả yêu cầu)
grade-fail-second-mover = sau khi tiến trình chuyển tiền thứ hai chạy riêng, { $moves } lần chuyển theo chiều ngược lại của nó phải đưa số dư của mỗi tài khoản về lại { $start }; kết quả không như vậy
grade-fail-not-seen-movers-end = trình chấm không thấy cả hai tiến trình chuyển tiền kết thúc
grade-fail-skipped-not-moved = bỏ qua: lần chạy chỉ có một tiến trình chuyển tiền cho thấy tiền không được chuyển như đặc tả yêu cầu

## ex06: three objects, `ready`, then removed on SIGTERM, SIGINT or the end of stdin.
grade-fail-never-ready = không bao giờ in ra `ready`: { $why }
grade-fail-exited-before-ready = đã thoát mà không in ra `ready`
grade-fail-missing-at-ready = khi in ra `ready`, còn thiếu: { $objects }
grade-fail-still-running-after-signal = vẫn còn chạy { $seconds } s sau { $signal } (đã bị kill): hãy dọn dẹp và thoát khi được yêu cầu
grade-fail-still-running-after-stdin = vẫn còn chạy { $seconds } s sau khi stdin bị đóng (đã bị kill): hãy dọn dẹp và thoát khi được yêu cầu
grade-fail-no-cleaned-up = thoát với mã 0 nhưng không in ra `cleaned up`
grade-fail-nothing-to-clean = lúc in ra `ready` chưa có đủ các object, nên không có gì được dọn dẹp
grade-fail-still-there = khi in ra `cleaned up`, vẫn còn: { $objects }
