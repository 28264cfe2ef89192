//! Any bytes as a plan file: the parser returns a plan or an error, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = mbr::plan::parse("fuzz.toml", text, None);
    }
});
