//! Any signature header with any body: verification answers valid or a reason, in
//! constant time, and never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // header \0 body
    let (header, body) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b""[..]),
    };
    let Ok(header) = std::str::from_utf8(header) else {
        return;
    };
    let now = 1_700_000_100;
    if let Err(e) = le::webhook::verify(b"whsec_fuzz", header, body, now, 300) {
        assert!(!e.to_string().is_empty());
    }
    // What we sign, we accept.
    let signed = le::webhook::sign(b"whsec_fuzz", now, body);
    assert!(le::webhook::verify(b"whsec_fuzz", &signed, body, now, 300).is_ok());
});
