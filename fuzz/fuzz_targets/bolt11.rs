//! Any text pasted as an invoice: decoding either succeeds with every field readable, or
//! fails with a reason. Never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match le::invoice::decode(text) {
        Ok(d) => {
            let _ = d.to_json();
        }
        Err(reason) => assert!(!reason.is_empty()),
    }
});
