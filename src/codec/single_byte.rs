//! Single-byte code pages, driven by the generated tables.

use super::sb_tables::{SB_DECODE, SB_ENCODE, SB_ENCODE_LATIN1};

/// The byte that code page `id` encodes `c` as, if any.
#[inline]
pub(crate) fn encode_char(id: u8, c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 {
        return Some(u as u8);
    }
    if u < 0x100 {
        return match SB_ENCODE_LATIN1[usize::from(id)][(u - 0x80) as usize] {
            0 => None,
            b => Some(b),
        };
    }
    let u = u16::try_from(u).ok()?;
    let table = SB_ENCODE[usize::from(id)];
    table
        .binary_search_by_key(&u, |&(cp, _)| cp)
        .ok()
        .map(|i| table[i].1)
}

/// The character that code page `id` decodes `b` as, if it defines one.
#[inline]
pub(crate) fn decode_byte(id: u8, b: u8) -> Option<char> {
    if b < 0x80 {
        return Some(char::from(b));
    }
    match SB_DECODE[usize::from(id)][usize::from(b - 0x80)] {
        0 => None,
        v => char::from_u32(u32::from(v)),
    }
}
