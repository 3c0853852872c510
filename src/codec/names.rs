//! Codec names and aliases.

use super::Codec;

/// Aliases beyond the canonical names, lowercase, with `_` and ` ` folded to `-`.
const ALIASES: &[(&str, Codec)] = &[
    ("utf8", Codec::Utf8),
    ("utf-8-sig", Codec::Utf8),
    ("cesu-8", Codec::Utf8Variants),
    ("java-utf-8", Codec::Utf8Variants),
    ("latin1", Codec::Latin1),
    ("latin-1", Codec::Latin1),
    ("iso-8859-1", Codec::Latin1),
    ("iso8859-1", Codec::Latin1),
    ("l1", Codec::Latin1),
    ("cp1250", Codec::Windows1250),
    ("cp1251", Codec::Windows1251),
    ("cp1252", Codec::Windows1252),
    ("cp1253", Codec::Windows1253),
    ("cp1254", Codec::Windows1254),
    ("cp1255", Codec::Windows1255),
    ("cp1256", Codec::Windows1256),
    ("cp1257", Codec::Windows1257),
    ("cp1258", Codec::Windows1258),
    ("cp874", Codec::Windows874),
    ("tis-620", Codec::Windows874),
    ("latin2", Codec::Iso8859_2),
    ("latin-2", Codec::Iso8859_2),
    ("iso8859-2", Codec::Iso8859_2),
    ("iso8859-5", Codec::Iso8859_5),
    ("iso8859-7", Codec::Iso8859_7),
    ("greek", Codec::Iso8859_7),
    ("latin-9", Codec::Iso8859_15),
    ("latin9", Codec::Iso8859_15),
    ("iso8859-15", Codec::Iso8859_15),
    ("koi8r", Codec::Koi8R),
    ("koi8u", Codec::Koi8U),
    ("cp866", Codec::Ibm866),
    ("866", Codec::Ibm866),
    ("mac-roman", Codec::MacRoman),
    ("macroman", Codec::MacRoman),
    ("mac", Codec::MacRoman),
    ("ibm437", Codec::Cp437),
    ("437", Codec::Cp437),
    ("ibm850", Codec::Cp850),
    ("850", Codec::Cp850),
    ("cp936", Codec::Gbk),
    ("gb2312", Codec::Gbk),
    ("big5-hkscs", Codec::Big5),
    ("cp950", Codec::Big5),
    ("sjis", Codec::ShiftJis),
    ("shift-jis", Codec::ShiftJis),
    ("cp932", Codec::ShiftJis),
    ("windows-31j", Codec::ShiftJis),
    ("ms-kanji", Codec::ShiftJis),
    ("eucjp", Codec::EucJp),
    ("euckr", Codec::EucKr),
    ("cp949", Codec::EucKr),
    ("windows-949", Codec::EucKr),
    ("uhc", Codec::EucKr),
];

fn fold(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Finds a codec by canonical name or alias, ignoring case.
pub(super) fn lookup(name: &str) -> Option<Codec> {
    let folded = fold(name);
    Codec::ALL
        .iter()
        .copied()
        .find(|c| fold(c.name()) == folded)
        .or_else(|| {
            ALIASES
                .iter()
                .find(|(alias, _)| *alias == folded)
                .map(|&(_, c)| c)
        })
}
