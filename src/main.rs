//! The `nusqa` command line. All the work is in the library; see `nusqa::cli`.

fn main() -> std::process::ExitCode {
    nusqa::cli::main()
}
