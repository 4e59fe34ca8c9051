//! Writes a [`TableOut`] as CSV that Excel on Chinese Windows opens without garbling.
//!
//! Excel reads a CSV without BOM in the system code page (GBK), so UTF-8 Chinese turns into 乱码; the UTF-8 BOM
//! makes it read UTF-8. Line ends are CRLF (Windows tools expect them) and fields are quoted only when they
//! contain a comma, quote or line break. CSV cannot carry "this column is text": Excel will still show long
//! digit strings as numbers, which is why XLSX is the recommended export.

use liaison_core::tabular::TableOut;

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The header row then the data rows, as UTF-8 with BOM and CRLF line ends.
pub fn write_csv(table: &TableOut) -> Vec<u8> {
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).flexible(true).from_writer(BOM.to_vec());
    for record in std::iter::once(&table.headers).chain(&table.rows) {
        // Writing to a Vec cannot fail and `flexible` accepts rows of any length.
        writer.write_record(record).expect("CSV into memory cannot fail");
    }
    writer.into_inner().expect("CSV into memory cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_quoting() {
        let table = TableOut {
            sheet: "名单".into(),
            title: None,
            headers: vec!["姓名".into(), "意见".into()],
            rows: vec![vec!["张三".into(), "路灯,不亮\n\"急\"".into()], vec!["李四".into(), String::new()]],
            text_columns: vec![],
        };
        let bytes = write_csv(&table);
        assert!(bytes.starts_with(BOM));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert_eq!(text, "姓名,意见\r\n张三,\"路灯,不亮\n\"\"急\"\"\"\r\n李四,\r\n");
    }
}
