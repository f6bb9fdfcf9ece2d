### Tiếng Việt: exercises and grader: ipc-lab grade, hint, list.
### An exercise's English title and hint live in info.toml; here are their translations,
### exercise-NAME-title and exercise-NAME-hint, one pair for every exercise info.toml lists.

exercise-ex01-title = Shared memory System V: tiến trình cha và con
exercise-ex01-hint =
    Segment tạo bằng shmget(IPC_PRIVATE, ...) không có key: chỉ A và các tiến trình con
    do A fork ra mới biết id của nó. Hãy attach trước khi fork() để B thừa hưởng vùng nhớ
    đã attach. A không cần sleep: chờ B kết thúc (Child::wait) là biết câu trả lời đã nằm
    sẵn trong segment. Tạo guard Cleanup ngay sau khi tạo segment, để lỗi ở bất cứ đâu
    cũng vẫn xóa được nó.
exercise-ex02-title = Shared memory POSIX: tiến trình cha và con
exercise-ex02-hint =
    shm_open trả về một descriptor có kích thước 0: phải ftruncate trước khi mmap, nếu không
    thì chạm vào vùng map sẽ gây SIGBUS. O_EXCL bảo đảm bạn không dùng lại object của người
    khác. B mở object theo tên, như một tiến trình không liên quan vẫn làm. Xóa tên bằng một
    guard Cleanup.
exercise-ex03-title = Độ ưu tiên trong hàng đợi thông điệp
exercise-ex03-hint =
    mq_receive luôn trả về thông điệp cũ nhất trong số các thông điệp có độ ưu tiên cao nhất.
    Vì vậy nếu A gửi hết thông điệp trước khi B bắt đầu nhận, B sẽ nhận chúng theo thứ tự độ
    ưu tiên, cùng độ ưu tiên thì theo thứ tự gửi (FIFO). Bộ đệm nhận phải có ít nhất
    mq_msgsize (128) byte, nếu không mq_receive báo EMSGSIZE. Đóng descriptor bằng mq_close;
    xóa tên bằng một guard (ipc_support::Cleanup::mq).
exercise-ex04-title = Sửa lỗi race condition
exercise-ex04-hint =
    `load` rồi `store` là hai bước: hai tiến trình có thể cùng đọc 41 rồi cùng ghi 42. Hãy
    biến cặp thao tác này thành một đoạn găng: một semaphore có tên với giá trị 1 chính là
    một khóa (wait = lấy khóa, post = trả khóa). Tạo nó một lần trong tiến trình cha trước
    fork(); các tiến trình con thừa hưởng nó.
exercise-ex05-title = Tránh deadlock
exercise-ex05-hint =
    Deadlock cần một vòng chờ: P giữ a và chờ b trong khi Q giữ b và chờ a. Hãy phá vòng chờ
    đó bằng cách cho mọi tiến trình lấy khóa theo cùng một thứ tự chung (a trước b), bất kể
    tiền chuyển theo chiều nào. Trả khóa theo thứ tự ngược lại.
exercise-ex06-title = Kết thúc gọn gàng khi nhận SIGINT/SIGTERM
exercise-ex06-hint =
    Hàm xử lý tín hiệu gần như không được làm gì: ipc_support::interrupt::install chỉ đặt một
    cờ. Vòng lặp chính kiểm tra ipc_support::interrupt::received() và, khi cờ đã bật, thoát
    vòng lặp như bình thường để các guard Cleanup chạy (mq_unlink, sem_unlink, shm_unlink).
    Chỉ in `ready` sau khi cả ba object đã tồn tại, và trả về Ok(()) để mã thoát là 0.

exercises-list-header = Bài tập (sửa exercises/exNN.rs; chấm điểm bằng `ipc-lab grade`):
exercises-list-pending = chưa làm (vẫn còn todo!())
exercises-list-done = xong
exercises-list-score = { $score }/{ $max } ở lần chấm gần nhất
exercises-list-ungraded = đã bắt đầu, chưa chấm
exercises-list-changed = đã sửa sau lần chấm gần nhất ({ $score }/{ $max })
exercises-list-footer = Xong { $done } trên { $total } bài. Tiếp theo: `ipc-lab hint BÀI`, `ipc-lab grade BÀI`.
exercises-hint-header = Gợi ý cho { $exercise } ({ $title }); đặc tả nằm ở đầu file { $file }:

## ipc-lab grade: the human report and the grader's refusals (ipc-grade lib.rs, report.rs).
grade-building = đang build { $count } bài tập từ { $dir } …
grade-mark-ok = đạt
grade-mark-fail = TRƯỢT
grade-total = Tổng: { $score }/{ $max } ({ $seconds } s)
grade-points = { $score }/{ $max } điểm
grade-score = điểm { $score }/{ $max }
grade-below = thấp hơn { $needed } điểm cần đạt
grade-min-score-too-high = nhiều hơn { $max } điểm mà các bài tập được chấm có thể đạt
grade-hint-for = `ipc-lab hint { $exercise }` giúp bạn làm { $exercise }
grade-hint-any = `ipc-lab hint BÀI` giúp bạn làm một bài tập chưa đạt
grade-exercise-named = bài tập '{ $name }'
grade-no-such-exercise = không có bài tập này; `ipc-lab list` liệt kê các bài (ex01 … ex06)
grade-holds-none = không chứa file bài tập nào (ex01.rs … ex06.rs, hoặc exercises/exNN.rs)
grade-gradescope-not-graded = Không chấm được bài nộp này: { $why }. Hãy nộp các file bài tập (ex01.rs … ex06.rs) hoặc bản sao repository của bạn (có thư mục exercises/).
grade-submission-hint = hãy đưa vào bản sao repository của sinh viên, hoặc một thư mục chứa ex01.rs … ex06.rs

## The checks' names, translated (English: ipc-grade's checks.rs, plan).
grade-check-ex01-default-message = thông điệp mặc định
grade-check-ex01-short-message = thông điệp ngắn
grade-check-ex01-spaces-and-utf-8 = dấu cách và UTF-8
grade-check-ex01-message-that-exactly-fills-the-segment = thông điệp lấp vừa khít segment
grade-check-ex01-message-too-long-is-refused = thông điệp quá dài bị từ chối
grade-check-ex01-60000-byte-message-in-64-kib = thông điệp 60000 byte trong 64 KiB
grade-check-ex02-default-message = thông điệp mặc định
grade-check-ex02-short-message = thông điệp ngắn
grade-check-ex02-spaces-and-utf-8 = dấu cách và UTF-8
grade-check-ex02-message-that-exactly-fills-the-segment = thông điệp lấp vừa khít object
grade-check-ex02-message-too-long-is-refused = thông điệp quá dài bị từ chối
grade-check-ex02-60000-byte-message-in-64-kib = thông điệp 60000 byte trong 64 KiB
grade-check-ex03-default-priorities = độ ưu tiên mặc định
grade-check-ex03-equal-priorities-keep-their-order = cùng độ ưu tiên thì giữ nguyên thứ tự
grade-check-ex03-ten-messages = mười thông điệp
grade-check-ex03-eleven-messages-are-refused = mười một thông điệp bị từ chối
grade-check-ex04-2-processes-x-1000 = 2 tiến trình x 1000
grade-check-ex04-4-processes-x-1000000-exact = 4 tiến trình x 1000000, chính xác
grade-check-ex04-8-processes-x-200000-exact = 8 tiến trình x 200000, chính xác
grade-check-ex04-0-processes-are-refused = 0 tiến trình bị từ chối
grade-check-ex04-17-processes-are-refused = 17 tiến trình bị từ chối
grade-check-ex05-1000-moves = 1000 lần chuyển
grade-check-ex05-100000-moves-no-deadlock = 100000 lần chuyển, không deadlock
grade-check-ex05-1000000-moves-no-deadlock = 1000000 lần chuyển, không deadlock
grade-check-ex06-creates-the-three-objects-then-prints-ready = tạo ba object, rồi in ready
grade-check-ex06-sigterm-removes-all-three-and-exits-0 = SIGTERM: xóa cả ba và thoát với mã 0
grade-check-ex06-sigint-removes-all-three-and-exits-0 = SIGINT: xóa cả ba và thoát với mã 0
grade-check-ex06-end-of-stdin-removes-all-three-and-exits-0 = hết stdin: xóa cả ba và thoát với mã 0
grade-isolated = mỗi lần chạy được cô lập: namespace IPC, pid, mount, network và UTS riêng, /dev/shm và /tmp riêng, { $identity }
grade-not-isolated = không có namespace ({ $why }): các lần chạy vẫn được theo dõi, giới hạn và chạy với { $identity }, nhưng dùng chung các object IPC của máy
grade-isolation-unavailable = không có
grade-identity-own-uid = một uid riêng (không phải root, không có capability)
grade-identity-grader-userns = uid { $uid } (của trình chấm) trong một user namespace, không có capability
grade-identity-grader = uid { $uid } (của trình chấm)
grade-build-cannot-read = không đọc được { $path }: { $why }
grade-build-symlink = đây là một symbolic link; trình chấm chỉ đọc file thường
grade-build-not-regular = đây không phải là file thường
grade-build-too-big = file lớn hơn { $kib } KiB
grade-build-does-not-compile = không biên dịch được: { $what }
grade-build-cannot-copy = không sao chép được { $path }: { $why }
grade-build-cannot-create = không tạo được { $path }: { $why }
grade-build-failed = không build được { $file }: { $why }
grade-build-cannot-keep = không giữ lại được file chạy của { $file }: { $why }
grade-build-over-limits = không build được { $file } trong giới hạn của trình chấm ({ $why })
grade-build-took-too-long = trình biên dịch chạy quá { $seconds } s
grade-build-not-taken-out = { $file } đã biên dịch xong, nhưng không lấy được file chạy của nó ra khỏi sandbox: { $why }
grade-build-compiler-ended = không build được { $file }: trình biên dịch { $end }: { $why }
grade-build-end-exited = kết thúc với mã thoát { $status }
grade-build-end-killed = bị tín hiệu { $signal } kết thúc
grade-build-end-not-started = không khởi động được
grade-build-end-stopped = bị dừng
## Refusals of the grader before any exercise is built (the instructor's machine).
grade-build-needs-toolchain = ipc-lab grade cần có cargo và rustc trong PATH
grade-build-reading-metadata = đọc cargo metadata
grade-build-no-exercises-package = không có package `exercises` ở thư mục gốc
grade-build-building-crates = build các crate mà bài tập dùng
grade-build-no-library = cargo không build ra thư viện nào
grade-creating = tạo { $path }
grade-writing = ghi { $path }
grade-finding-own-program = tìm file chạy của chính trình chấm
grade-submission-named = bài nộp { $path }
grade-exercises-leads-out = exercises/ trỏ ra ngoài bài nộp (tới { $path }); trình chấm chỉ đọc file của chính sinh viên
grade-isolating-the-runs = cô lập các lần chạy
grade-isolation-hint = hãy chấm trên máy cho phép dùng namespace, hoặc bỏ --isolation required để chạy với mức cô lập mà máy này cho phép
grade-isolation-required-unavailable = đã yêu cầu cô lập đầy đủ nhưng máy này không có: { $why }
grade-sandbox-not-built = không dựng được sandbox: { $why }
grade-output-is-a-directory = là một thư mục; hãy đưa vào tên file
grade-output-not-a-directory = không phải là thư mục
grade-output-cannot-write-it = không ghi được vào file này: { $why }
grade-output-cannot-write-there = không ghi được vào thư mục đó: { $why }
grade-output-cannot-create-it = không tạo được thư mục này: { $why }

## What the sandbox could not give or do, reported as data and worded here (ipc-grade
## runner.rs); a failed call keeps its own name and errno text.
grade-missing-not-asked = đã chọn --isolation none
grade-missing-no-private-root-landlock = không có thư mục gốc riêng: chương trình thấy các file của máy theo quyền của uid của nó (trình biên dịch bị Landlock giới hạn, ABI { $abi })
grade-missing-no-private-root = không có thư mục gốc riêng, cũng không có Landlock: chương trình và trình biên dịch thấy các file của máy theo quyền của uid của chúng
grade-missing-init-ended = tiến trình init của sandbox đã kết thúc trước khi dựng xong sandbox
grade-export-no-private-tmp = lần chạy không có /tmp riêng
grade-export-not-regular = { $path } không phải là file thường
grade-export-too-large = { $path } lớn hơn { $max } byte
grade-limit-tasks = hơn { $count } tiến trình và luồng cùng lúc
grade-limit-output = in ra hơn { $mib } MiB
grade-limit-memory = dùng hơn { $mib } MiB bộ nhớ

## How a run of a submission ended, when it is not what the check expects (ipc-grade runner.rs).
grade-run-timed-out = không kết thúc trong thời gian cho phép (đã bị kill; có deadlock, hay thiếu lệnh thoát?)
grade-run-over-limit = bị trình chấm dừng: { $limit }
grade-run-not-started = không khởi động được: { $why }
grade-run-not-done = chưa làm xong (bài vẫn chạy tới todo!()): { $what }
grade-run-finish-the-todos = hãy làm xong các TODO
grade-run-panicked = bị panic: { $why }
grade-run-exit-status = mã thoát { $status }, dự kiến { $expected }
grade-run-exit-status-saying = mã thoát { $status }, dự kiến { $expected }: { $stderr }
grade-run-killed = bị tín hiệu { $signal } kết thúc

## ipc-lab grade --class (ipc-grade class.rs). The gradebook's column headers and the status
## codes before the first `: ` (ok, build failed, timed out, missing, not graded) stay English
## (programs read them, like the JSON keys); the reason after `not graded: ` is Vietnamese.
grade-class-needs-output = cần --output FILE, bảng điểm sẽ được ghi vào đó (CSV), ví dụ --output grades.csv
grade-class-not-a-directory = không phải là thư mục (hãy đưa vào thư mục chứa mỗi bài nộp trong một thư mục con)
grade-class-no-subdirectory = không có thư mục con nào: hãy đưa vào thư mục chứa mỗi bài nộp trong một thư mục con
grade-class-grading = chấm điểm cả lớp
grade-class-summary = Bảng điểm: { $gradebook } ({ $count } bài nộp, đã chấm { $graded } bài, { $seconds } s); các báo cáo nằm trong { $reports }
grade-class-progress-grading = đang chấm { $submissions }
grade-class-phase-starting = đang khởi động
grade-class-phase-building = đang build
grade-class-interrupted-before-its-turn = bị ngắt trước khi tới lượt
grade-class-interrupted = bị ngắt giữa chừng
grade-class-symlink = đây là một symbolic link, không phải thư mục bài nộp: hãy sao chép chính các file của sinh viên vào đó
grade-class-no-exercise-file = không có file bài tập nào ({ $files }, hoặc trong exercises/)
grade-class-cannot-start = không khởi động được trình chấm: { $why }
grade-class-took-too-long = việc chấm kéo dài quá { $seconds } s nên đã bị dừng (--submission-limit)
grade-class-lost-its-grader = mất liên lạc với trình chấm của bài nộp này: { $why }
grade-class-grader-crashed = trình chấm bị sập ({ $signal })
grade-class-grader-ended = trình chấm kết thúc với mã thoát { $status }
grade-class-report-unreadable = không đọc được báo cáo của bài nộp: { $why }
