//! The ring between two real processes: messages of many sizes cross it in order.
//! `fork_child` refuses to fork a multi-threaded process, as the test harness is, so this
//! check has a harness of its own, on the main thread. It compiles the ring's own source
//! and the two modules it uses.

// What only the benchmark uses of these modules; and their own #[test]s, which compile here
// but run in the binary's harness.
#![allow(dead_code, unused_imports)]

#[path = "../src/futex.rs"]
mod futex;
#[path = "../src/memory.rs"]
mod memory;
#[path = "../src/ring.rs"]
mod ring;

use ipc_support::process::{ChildEnd, fork_child};
use ring::SpscRing;

fn main() {
    let ring = SpscRing::new(3, 100).unwrap().with_spins(10);
    let child = fork_child(|| {
        let mut c = ring.consumer();
        let mut buf = vec![0u8; 1000];
        for i in 0..200u8 {
            let (len, byte) = (250 + usize::from(i), i);
            c.recv_all(&mut buf[..len]).unwrap();
            if buf[..len].iter().any(|&b| b != byte) {
                return 1;
            }
        }
        0
    })
    .unwrap();
    let mut p = ring.producer();
    for i in 0..200u8 {
        p.send_all(&vec![i; 250 + usize::from(i)]).unwrap();
    }
    assert_eq!(child.wait().unwrap(), ChildEnd::Exited(0));
    println!("test messages_cross_processes_in_order_through_a_small_ring ... ok");
}
