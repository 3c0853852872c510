//! Single-byte code pages, driven by the generated tables.

use super::sb_tables::{SB_COUNT, SB_DECODE, SB_DIFF_1252, SB_ROWS, SB_ROW_BLOCKS, SB_ROW_INDEX};

// Code pages are one bit each in `u32` masks (the scan's automaton, the
// detectors' flags): a 33rd would overflow them.
const _: () = assert!(SB_COUNT <= 32);

/// The byte that code page `id` encodes `c` as, if any.
#[inline]
pub(crate) fn encode_char(id: u8, c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 {
        return Some(u as u8);
    }
    encode_row(row(c)?, id)
}

/// The row of the encoding table that holds `c` (not ASCII), if any code
/// page has it: trying many code pages on one character needs it once.
#[inline]
pub(crate) fn row(c: char) -> Option<u16> {
    let u = usize::try_from(u32::from(c)).ok()?;
    if u > 0xFFFF {
        return None;
    }
    let block = SB_ROW_INDEX[u >> 8];
    SB_ROW_BLOCKS[usize::from(block)][u & 0xFF].checked_sub(1)
}

/// The byte that code page `id` has for the character of `row`.
#[inline]
pub(crate) fn encode_row(row: u16, id: u8) -> Option<u8> {
    match SB_ROWS[usize::from(row)][usize::from(id)] {
        0 => None,
        b => Some(b),
    }
}

/// The code pages (one bit each) whose byte for the character of `row`
/// differs from sloppy windows-1252's.
#[inline]
pub(crate) fn differs_from_1252(row: u16) -> u32 {
    SB_DIFF_1252[usize::from(row)]
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
