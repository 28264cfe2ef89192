//! The `mbr` binary: everything happens in [`mbr::cli::run`]; this only exits with its status.

fn main() {
    std::process::exit(mbr::cli::run(std::env::args_os()));
}
