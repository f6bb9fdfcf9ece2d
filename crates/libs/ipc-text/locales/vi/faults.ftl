### Tiếng Việt: a shared machine and its faults (see en/faults.ftl).

faults-denied = không đủ quyền: object hoặc file thuộc về người dùng khác, hoặc mode của nó không cho phép thao tác này (ipc-lab ls cho biết chủ sở hữu và mode của mọi IPC object)
faults-owner-other = { $what } đã tồn tại và thuộc về { $user } (uid { $uid }, mode { $mode }): hãy chọn tên khác, ví dụ { $suggestion }
faults-owner-mine = { $what } là của bạn, nhưng mode { $mode } của nó không cho phép thao tác này: hãy xóa nó ({ $command }) hoặc chọn tên khác
faults-owner-unknown = { $what } đã tồn tại nhưng mode của nó không cho bạn dùng theo cách này; rất có thể nó thuộc về người dùng khác (ipc-lab ls cho biết chủ sở hữu): hãy chọn tên khác, ví dụ { $suggestion }
faults-owner-key-other = key { $key } đang được { $user } dùng (uid { $uid }, mode { $mode }): hãy chọn key khác (--key, hoặc --path tới một file của chính bạn cho ftok)
faults-owner-key-mine = key { $key } là của bạn, nhưng mode { $mode } của nó không cho phép thao tác này: hãy xóa nó (ipc-lab clean --name { $key }) hoặc chọn key khác
faults-owner-remove-other = { $what } thuộc về { $user } (uid { $uid }): chỉ chủ sở hữu, người tạo hoặc root mới được xóa nó
faults-kind-fifo = một FIFO (named pipe)
faults-kind-directory = một thư mục
faults-kind-other = một file đặc biệt
faults-shm-not-regular = là { $kind }, không phải shared memory object (shm_open tạo file thường)
faults-shm-not-regular-hint = người khác đã đặt nó ở đó: hãy xóa nó (rm { $path }) hoặc chọn tên khác
faults-shm-enospc = /dev/shm không còn chỗ cho { $size } byte (df -h /dev/shm cho biết kích thước và dung lượng đã dùng): hãy xóa các object không còn dùng đến (ipc-lab ls, ipc-lab clean) hoặc yêu cầu kích thước nhỏ hơn
faults-shm-shrank = object bị thu nhỏ từ { $from } xuống { $to } byte trong lúc đang đọc (một tiến trình khác đã gọi ftruncate), nên văn bản có thể đã bị cắt: không in gì, và object vẫn được giữ lại
faults-shm-shrank-writing = object bị thu nhỏ xuống { $size } byte trong lúc đang ghi thông điệp (một tiến trình khác đã gọi ftruncate), nên nó không chứa thông điệp
faults-shm-no-text = chưa chứa văn bản nào: writer chưa ghi thông điệp (hoặc đã ghi một thông điệp rỗng)
faults-shm-no-text-hint = object vẫn được giữ lại: hãy đọc lại sau khi writer ghi xong, hoặc xóa nó ({ $command })
faults-shm-removed = đã bị xóa ({ $call }) trong lúc đang ghi thông điệp, nên sẽ không reader nào tìm thấy nó (một reader chạy quá sớm, hoặc người khác, đã xóa nó)
faults-shm-removed-hint = hãy chạy lại writer
faults-mq-receive-lost = thông điệp đã được lấy ra khỏi hàng đợi { $name }, nên dòng của nó được in ở đây: priority { $priority }: { $message }
faults-limits-cap-no-user = Tiến trình này không có CAP_SYS_RESOURCE (như mọi tiến trình của người dùng thường): nó bị giới hạn bởi msg_max, msgsize_max và RLIMIT_MSGQUEUE.
faults-ls-state-unknown = không rõ (không phải của bạn)
faults-clean-not-yours = bỏ qua { $what }: nó thuộc về { $user } (uid { $uid }), và chỉ chủ sở hữu, người tạo hoặc root mới được xóa nó
