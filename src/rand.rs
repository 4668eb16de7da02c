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
    crate::text::hex(&bytes::<N>())
}
