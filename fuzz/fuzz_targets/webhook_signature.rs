//! Any signature header with any body, under either header's name: the judge answers
//! valid or a reason, in constant time, and never panics.
#![no_main]

use le::webhook::{DEFAULT_TOLERANCE, Policy, Received, judge, sign};
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
    let policy = Policy {
        tolerance: DEFAULT_TOLERANCE,
        allow_legacy: true,
    };
    for received in [
        Received::by_shape(header),
        Received {
            current: Some(header),
            legacy: None,
        },
        Received {
            current: None,
            legacy: Some(header),
        },
    ] {
        if let Err(e) = judge(&received, body, b"whsec_fuzz", now, policy) {
            assert!(!e.to_string().is_empty());
        }
    }
    // What we sign, we accept.
    let signed = sign(b"whsec_fuzz", now, body);
    let received = Received {
        current: Some(&signed),
        legacy: None,
    };
    assert!(judge(&received, body, b"whsec_fuzz", now, policy).is_ok());
});
