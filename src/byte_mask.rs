//! Bit masks over 64 bytes at a time, for the scans that run over every
//! byte of a course's text (the word count, the search's word scan): a
//! compare per byte into an array of flags, which the compiler vectorises,
//! then the flags gathered into one number, so that a scan finds what it
//! looks for by counting bits instead of branching on every byte.

/// Bit `i` set where `is` holds for byte `i` of `chunk` (at most 64
/// bytes; the bits past its end are clear).
#[inline]
pub fn mask_of(chunk: &[u8], is: impl Fn(u8) -> bool) -> u64 {
    let mut flags = [0u8; 64];
    for (flag, &b) in flags.iter_mut().zip(chunk) {
        *flag = u8::from(is(b));
    }
    gather_flags(&flags)
}

/// 64 flags (each 0 or 1) as the bits of one number, 8 at a time by a
/// multiply: byte `j` of an 8-byte group lands on bit `56 + j` of the
/// product.
#[inline]
pub fn gather_flags(flags: &[u8; 64]) -> u64 {
    let mut mask = 0;
    for (i, eight) in flags.chunks_exact(8).enumerate() {
        let mut word = [0; 8];
        word.copy_from_slice(eight);
        let gathered = u64::from_le_bytes(word).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask |= gathered << (8 * i);
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_flag_lands_on_its_own_bit() {
        for i in 0..64 {
            let mut chunk = [b'a'; 64];
            chunk[i] = b' ';
            assert_eq!(mask_of(&chunk, |b| b == b' '), 1 << i);
        }
        assert_eq!(mask_of(b"  x", |b| b == b' '), 0b011);
        assert_eq!(mask_of(&[b' '; 64], |b| b == b' '), u64::MAX);
    }
}
