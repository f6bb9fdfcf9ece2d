//! The supervisor on its own, for this crate's tests: `ipc-sandbox --ipc-sandbox-supervisor`
//! reads a spec on stdin and writes the report on stdout.

fn main() -> std::process::ExitCode {
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == ipc_sandbox::SUPERVISOR_ARG)
    {
        return ipc_sandbox::supervisor_main();
    }
    eprintln!("ipc-sandbox: run by the grader (ipc-lab grade), not by hand");
    std::process::ExitCode::from(2)
}
