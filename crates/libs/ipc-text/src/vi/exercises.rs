//! Tiếng Việt: exercises and grader: ipc-lab grade, hint, list.

pub(crate) const TEXTS: &[(&str, &str)] = &[
    (
        "exercises.hint.ex01",
        "Một segment tạo bằng shmget(IPC_PRIVATE, ...) không có key: chỉ A và các tiến trình con nó fork biết id của nó. Hãy attach trước khi fork() để B thừa hưởng vùng nhớ đã attach. A không cần sleep: chờ B kết thúc (Child::wait) là biết câu trả lời đã nằm sẵn trong segment. Tạo guard Cleanup ngay sau khi tạo segment, để lỗi ở bất cứ đâu vẫn xoá được nó.",
    ),
    (
        "exercises.hint.ex02",
        "shm_open trả về một đối tượng kích thước 0: phải ftruncate trước khi mmap, nếu không chạm vào vùng map sẽ bị SIGBUS. O_EXCL đảm bảo bạn không dùng lại đối tượng của người khác. B mở đối tượng theo tên, như một tiến trình không liên quan sẽ làm. Xoá tên bằng một guard Cleanup.",
    ),
    (
        "exercises.hint.ex03",
        "mq_receive luôn trả về tin nhắn cũ nhất có độ ưu tiên cao nhất đang có. Vì vậy nếu A gửi hết tin nhắn trước khi B bắt đầu nhận, B sẽ thấy chúng theo thứ tự ưu tiên, cùng ưu tiên thì theo thứ tự gửi (FIFO). Bộ đệm nhận phải ít nhất mq_msgsize (128) byte, nếu không mq_receive báo EMSGSIZE. Đóng descriptor bằng mq_close; xoá tên bằng một guard (ipc_support::Cleanup::mq).",
    ),
    (
        "exercises.hint.ex04",
        "`load` rồi `store` là hai bước: hai tiến trình có thể cùng đọc 41 rồi cùng ghi 42. Hãy biến cặp này thành một đoạn găng: một semaphore có tên với giá trị 1 chính là một khoá (wait = lấy, post = trả). Tạo nó một lần trong tiến trình cha trước fork(); các tiến trình con thừa hưởng nó.",
    ),
    (
        "exercises.hint.ex05",
        "Deadlock cần một vòng chờ: P giữ a và chờ b trong khi Q giữ b và chờ a. Hãy phá vòng đó bằng cách cho mọi tiến trình lấy khoá theo cùng một thứ tự toàn cục (a trước b), bất kể chiều chuyển tiền. Trả khoá theo thứ tự ngược lại.",
    ),
    (
        "exercises.hint.ex06",
        "Hàm xử lý tín hiệu gần như không được làm gì: ipc_support::interrupt::install chỉ đặt một cờ. Vòng lặp chính kiểm tra ipc_support::interrupt::received() và, khi cờ đã bật, thoát vòng lặp bình thường để các guard Cleanup chạy (mq_unlink, sem_unlink, shm_unlink). Chỉ in `ready` sau khi cả ba đối tượng đã tồn tại, và trả về Ok(()) để mã thoát là 0.",
    ),
    ("exercises.list.header", "Bài tập (sửa exercises/exNN.rs; chấm bằng `ipc-lab grade`):"),
    ("exercises.list.pending", "chưa làm (vẫn còn todo!())"),
    ("exercises.list.done", "xong"),
    ("exercises.list.score", "{0}/{1} ở lần chấm gần nhất"),
    ("exercises.list.ungraded", "đã bắt đầu, chưa chấm"),
    ("exercises.list.changed", "đã sửa sau lần chấm gần nhất ({0}/{1})"),
    ("exercises.list.footer", "Xong {0} trên {1}. Tiếp theo: `ipc-lab hint BÀI`, `ipc-lab grade BÀI`."),
    ("exercises.hint.header", "Gợi ý cho {0} ({1}); hợp đồng nằm ở đầu tệp {2}:"),
];
