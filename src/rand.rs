//! Random bytes from the operating system, for ids, keys and jitter.

pub fn bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    // The OS generator failing is not something a CLI can recover from sensibly.
    getrandom::getrandom(&mut buf).expect("the operating system's random generator failed");
    buf
}

pub fn u64() -> u64 {
    u64::from_le_bytes(bytes::<8>())
}

pub fn hex<const N: usize>() -> String {
    to_hex(&bytes::<N>())
}

pub fn to_hex(b: &[u8]) -> String {
    use std::fmt::Write;
    b.iter()
        .fold(String::with_capacity(b.len() * 2), |mut s, x| {
            let _ = write!(s, "{x:02x}");
            s
        })
}
