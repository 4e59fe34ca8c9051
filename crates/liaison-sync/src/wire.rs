//! Big-endian integers and length-prefixed strings read from and written to byte buffers.
//!
//! The one place that turns bytes into numbers, so every read checks that the bytes are there first (a short
//! file is [`Error::Truncated`], never a panic or an out-of-bounds slice) and the envelope and header code say
//! what they read, not how.

use crate::error::{Error, Result};

/// Reads fields in order from a byte slice.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    /// How many bytes have been read.
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// How many bytes are left.
    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    /// The next `n` bytes.
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.remaining() {
            return Err(Error::Truncated);
        }
        let slice = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(slice)
    }

    pub(crate) fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        Ok(self.take(N)?.try_into().expect("take returned N bytes"))
    }

    pub(crate) fn u8(&mut self) -> Result<u8> {
        Ok(self.array::<1>()?[0])
    }

    pub(crate) fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_be_bytes(self.array()?))
    }

    pub(crate) fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_be_bytes(self.array()?))
    }

    pub(crate) fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_be_bytes(self.array()?))
    }

    pub(crate) fn i64(&mut self) -> Result<i64> {
        Ok(i64::from_be_bytes(self.array()?))
    }

    /// A string of at most 255 bytes: one length byte, then UTF-8.
    pub(crate) fn str8(&mut self) -> Result<&'a str> {
        let len = usize::from(self.u8()?);
        std::str::from_utf8(self.take(len)?).map_err(|_| Error::Corrupt("文本不是 UTF-8"))
    }
}

/// Appends fields in the order [`Reader`] reads them.
pub(crate) trait Put {
    fn put_str8(&mut self, text: &str);
}

impl Put for Vec<u8> {
    /// Callers check the length first ([`crate::header::check_name`]); a longer string is a bug here.
    fn put_str8(&mut self, text: &str) {
        let len = u8::try_from(text.len()).expect("names are checked to fit in 255 bytes");
        self.push(len);
        self.extend_from_slice(text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_past_the_end_are_truncated_not_panics() {
        let mut r = Reader::new(&[0, 1, 2]);
        assert_eq!(r.u16().unwrap(), 1);
        assert!(matches!(r.u16(), Err(Error::Truncated)));
        assert_eq!(r.remaining(), 1);
        assert!(matches!(Reader::new(&[5, b'a']).str8(), Err(Error::Truncated)));
        assert!(matches!(Reader::new(&[1, 0xff]).str8(), Err(Error::Corrupt(_))));
    }

    #[test]
    fn strings_round_trip() {
        let mut out = Vec::new();
        out.put_str8("联络站");
        let mut r = Reader::new(&out);
        assert_eq!(r.str8().unwrap(), "联络站");
        assert_eq!(r.position(), out.len());
    }
}
