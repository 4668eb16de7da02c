//! Any error answer: status, headers and body, decoded into one message. Never panics,
//! always says something.
#![no_main]

use le::api::ApiError;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let status = 400 + u16::from(data[0]) % 200;
    let content_type = match data[1] % 4 {
        0 => None,
        1 => Some("application/json"),
        2 => Some("text/html"),
        _ => Some("application/problem+json"),
    };
    let e = ApiError::decode(status, Some("corr-1"), None, content_type, &data[2..]);
    assert!(!e.message.is_empty());
    let _ = (e.to_string(), e.hint());
    let _ = le::exit::of_error(&le::error::Error::from(e));
});
