//! No library: the cross-program tests live in tests/.
