//! `liaison attachment add|list|save|remove`: the files attached to matters (附件), kept beside the database under
//! their SHA-256 and checked for size and type by the core.

use liaison_core::Store;
use liaison_core::workflow::attachments::{self, AttachmentView};

use crate::Failure;
use crate::args::AttachmentCommand;

pub(super) fn run(store: &mut Store, cmd: &AttachmentCommand, operator: &str, json: bool) -> Result<(), Failure> {
    let dir = store.attachments_dir();
    match cmd {
        AttachmentCommand::Add { matter, file, name } => {
            let bytes = std::fs::read(file).map_err(|e| Failure::user(format!("{}: {e}", file.display())))?;
            let shown = name
                .clone()
                .unwrap_or_else(|| file.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()));
            let added = store.write(operator, |w| attachments::attach(w, &dir, matter, &shown, &bytes))?;
            crate::output::emit(json, &added, |a| {
                println!("已附加 attached {}（{}，{} 字节 bytes）id {}", a.file_name, a.kind_label, a.size, a.id)
            })
        }
        AttachmentCommand::List { matter } => {
            crate::output::emit(json, &attachments::list(store.conn(), matter)?, print_list)
        }
        AttachmentCommand::Save { id, out } => {
            let attachment = attachments::get(store.conn(), id)?;
            let bytes = attachments::read(&dir, &attachment)?;
            std::fs::write(out, &bytes).map_err(|e| Failure::user(format!("{}: {e}", out.display())))?;
            let report = serde_json::json!({ "out": out, "bytes": bytes.len(), "file_name": attachment.file_name });
            crate::output::emit(json, &report, |_| {
                println!("已保存 saved {} → {}", attachment.file_name, out.display())
            })
        }
        AttachmentCommand::Remove { id } => {
            store.write(operator, |w| attachments::remove(w, id))?;
            crate::output::emit(json, &serde_json::json!({ "removed": id }), |_| println!("已移除 removed {id}"))
        }
    }
}

fn print_list(list: &Vec<AttachmentView>) {
    if list.is_empty() {
        println!("（无附件 no attachments）");
    }
    for a in list {
        println!("{}  {}  {}  {} 字节  {}  {}", a.id, a.file_name, a.kind_label, a.size, a.added_at, a.added_by);
    }
}

#[cfg(test)]
mod tests {
    //! A file attached from the command line, listed, saved back byte for byte, and a disguised file refused.

    use liaison_core::workflow::attachments;

    use crate::testing::{run, station};

    #[test]
    fn a_pdf_is_attached_and_saved_back_and_an_executable_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.db");
        station(&db, "光明路联络站");
        let visit = ["visit", "add", "--station", "XH-01", "--citizen", "李秀英", "--first-responder", "张明新"];
        assert_eq!(run(&db, &[&visit[..], &["--matter", "路灯不亮||城乡建设"]].concat()), 0);
        let store = liaison_core::Store::open(&db).unwrap();
        let code = store.conn().query_row("SELECT code FROM matters", [], |r| r.get::<_, String>(0)).unwrap();
        drop(store);

        let pdf = dir.path().join("回复函.pdf");
        std::fs::write(&pdf, b"%PDF-1.4\n%test\n").unwrap();
        assert_eq!(run(&db, &["attachment", "add", &code, pdf.to_str().unwrap()]), 0);
        let exe = dir.path().join("照片.jpg");
        std::fs::write(&exe, b"MZ\x90\x00\x03\x00").unwrap();
        assert_eq!(run(&db, &["attachment", "add", &code, exe.to_str().unwrap()]), 1, "refused: not a photo");

        let store = liaison_core::Store::open(&db).unwrap();
        let listed = attachments::list(store.conn(), &code).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!((listed[0].file_name.as_str(), listed[0].added_by.as_str()), ("回复函.pdf", "王芳"));
        let out = dir.path().join("copy.pdf");
        assert_eq!(run(&db, &["attachment", "save", &listed[0].id, "--out", out.to_str().unwrap()]), 0);
        assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&pdf).unwrap());
        assert_eq!(run(&db, &["attachment", "list", &code]), 0);
    }
}
