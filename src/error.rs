//! The crate's error type.

use crate::Codec;

/// An error from encoding, decoding, parsing a plan, or replaying one.
///
/// The message names what failed and where; [`Error::kind`] gives the
/// details to code that needs them.
///
/// ```
/// use unmojibake::{Codec, ErrorKind};
///
/// let err = Codec::Latin1.encode("€").unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::Encode { .. }));
/// assert_eq!(err.to_string(), "latin-1 cannot encode '€' at byte 0");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong, with the position where it did.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A character the codec cannot represent.
    #[error("{codec} cannot encode {found:?} at byte {position}")]
    Encode {
        /// The codec that was encoding.
        codec: Codec,
        /// Byte offset of the character in the text being encoded.
        position: usize,
        /// The character.
        found: char,
    },
    /// Bytes the codec does not define.
    #[error("{codec} cannot decode the bytes at offset {position}")]
    Decode {
        /// The codec that was decoding.
        codec: Codec,
        /// Offset of the first bad byte.
        position: usize,
    },
    /// A codec name that is not known.
    #[error("unknown codec name {0:?}")]
    UnknownCodec(String),
    /// A plan's text form that does not parse.
    #[error("cannot parse plan line {line}: {reason}")]
    PlanSyntax {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// A plan step that does not apply to the text it is replayed on.
    #[error("plan step {step} ({what}) does not apply: {reason}")]
    PlanReplay {
        /// 0-based index of the step.
        step: usize,
        /// The step, in its text form.
        what: String,
        /// Why it failed, with the position.
        reason: String,
    },
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The byte offset the error refers to, where there is one.
    ///
    /// ```
    /// let err = unmojibake::Codec::Utf8.decode(b"ab\xff").unwrap_err();
    /// assert_eq!(err.position(), Some(2));
    /// ```
    pub fn position(&self) -> Option<usize> {
        match self.kind {
            ErrorKind::Encode { position, .. } | ErrorKind::Decode { position, .. } => {
                Some(position)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn error_is_send_sync_static() {
        fn check<T: Send + Sync + 'static + std::error::Error>() {}
        check::<super::Error>();
    }
}
