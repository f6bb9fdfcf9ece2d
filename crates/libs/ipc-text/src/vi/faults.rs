//! Tiếng Việt: a shared machine and its faults: other users' objects, a full /dev/shm, an
//! object that shrinks or goes away under a program, a stdout that cannot be written (issue 16).

pub(crate) const TEXTS: &[(&str, &str)] = &[
    ("faults.denied", "không đủ quyền: object hoặc file thuộc về người dùng khác, hoặc mode của nó không cho phép thao tác này (ipc-lab ls cho biết chủ sở hữu và mode của mọi IPC object)"),
    ("faults.owner.other", "{0} đã tồn tại và thuộc về {1} (uid {2}, mode {3}): hãy chọn tên khác, ví dụ {4}"),
    ("faults.owner.mine", "{0} là của bạn, nhưng mode {1} của nó không cho phép thao tác này: hãy xóa nó ({2}) hoặc chọn tên khác"),
    ("faults.owner.unknown", "{0} đã tồn tại nhưng mode của nó không cho bạn dùng theo cách này; rất có thể nó thuộc về người dùng khác (ipc-lab ls cho biết chủ sở hữu): hãy chọn tên khác, ví dụ {1}"),
    ("faults.owner.key-other", "key {0} đang được {1} dùng (uid {2}, mode {3}): hãy chọn key khác (--key, hoặc --path tới một file của chính bạn cho ftok)"),
    ("faults.owner.key-mine", "key {0} là của bạn, nhưng mode {1} của nó không cho phép thao tác này: hãy xóa nó (ipc-lab clean --name {0}) hoặc chọn key khác"),
    ("faults.owner.remove-other", "{0} thuộc về {1} (uid {2}): chỉ chủ sở hữu, người tạo hoặc root mới được xóa nó"),
    ("faults.kind.fifo", "một FIFO (named pipe)"),
    ("faults.kind.directory", "một thư mục"),
    ("faults.kind.other", "một file đặc biệt"),
    ("faults.shm.not-regular", "là {0}, không phải shared-memory object (shm_open tạo file thường)"),
    ("faults.shm.not-regular.hint", "người khác đã đặt nó ở đó: hãy xóa nó (rm {0}) hoặc chọn tên khác"),
    ("faults.shm.enospc", "/dev/shm không còn chỗ cho {0} byte (df -h /dev/shm cho biết kích thước và dung lượng đã dùng): hãy xóa các object không còn cần (ipc-lab ls, ipc-lab clean) hoặc xin ít hơn"),
    ("faults.shm.shrank", "object bị thu nhỏ từ {0} xuống {1} byte trong lúc đang đọc (một tiến trình khác đã gọi ftruncate), nên văn bản có thể bị cắt: không in gì, và object được giữ lại"),
    ("faults.shm.shrank-writing", "object bị thu nhỏ xuống {0} byte trong lúc đang ghi thông điệp (một tiến trình khác đã gọi ftruncate), nên nó không chứa thông điệp"),
    ("faults.shm.no-text", "chưa có văn bản: writer của nó chưa ghi thông điệp (hoặc đã ghi một thông điệp rỗng)"),
    ("faults.shm.no-text.hint", "object được giữ lại: hãy đọc lại khi writer ghi xong, hoặc xóa nó ({0})"),
    ("faults.shm.removed", "đã bị xóa ({0}) trong lúc đang ghi thông điệp, nên không reader nào tìm thấy nó (một reader chạy quá sớm, hoặc người khác, đã xóa nó)"),
    ("faults.shm.removed.hint", "hãy chạy lại writer"),
    ("faults.mq.receive.lost", "thông điệp đã được lấy khỏi hàng đợi {0}, nên nó được in ở đây: priority {1}: {2}"),
    ("faults.limits.cap_no_user", "Tiến trình này không có CAP_SYS_RESOURCE, như mọi người dùng thường: msg_max, msgsize_max và RLIMIT_MSGQUEUE ràng buộc nó."),
    ("faults.ls.state.unknown", "không rõ (không phải của bạn)"),
    ("faults.clean.not_yours", "bỏ qua {0}: nó thuộc về {1} (uid {2}), và chỉ chủ sở hữu, người tạo hoặc root mới được xóa nó"),
];
