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
