//! Tiếng Việt: a shared machine and its faults: other users' objects, a full /dev/shm, an
//! object that shrinks or goes away under a program, a stdout that cannot be written (issue 16).

pub(crate) const TEXTS: &[(&str, &str)] = &[
    ("faults.mq.receive.lost", "thông điệp đã được lấy khỏi hàng đợi {0}, nên nó được in ở đây: priority {1}: {2}"),
];
