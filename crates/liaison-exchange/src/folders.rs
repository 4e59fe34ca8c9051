//! The folders a clerk last used for sync, remembered in this installation's `settings` (never synced: a folder
//! on one PC means nothing on another): where a station writes its bundles for the office, and the office's
//! inbox, archive and outbox. Remembering them is what lets 导出给机关 open the folder dialog where the clerk
//! left it, and 全部导入 run without asking three questions every time.

use std::path::{Path, PathBuf};

use liaison_core::{Result, Store};

/// Which remembered folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncFolder {
    /// Where a station's 导出给机关 writes (`sync.export_dir`).
    Export,
    /// The office's inbox of arrived bundles (`sync.inbox_dir`).
    Inbox,
    /// Where processed bundles are moved (`sync.archive_dir`).
    Archive,
    /// Where the return bundles are written (`sync.outbox_dir`).
    Outbox,
}

impl SyncFolder {
    /// The settings key.
    pub fn key(self) -> &'static str {
        match self {
            SyncFolder::Export => "sync.export_dir",
            SyncFolder::Inbox => "sync.inbox_dir",
            SyncFolder::Archive => "sync.archive_dir",
            SyncFolder::Outbox => "sync.outbox_dir",
        }
    }
}

/// The folder remembered for `which`, if any.
pub fn remembered(store: &Store, which: SyncFolder) -> Result<Option<PathBuf>> {
    Ok(store.setting(which.key())?.filter(|s| !s.is_empty()).map(PathBuf::from))
}

/// Remembers `dir` for `which`, as `operator` (a local setting: no change-log entry, nothing synced).
pub fn remember(store: &mut Store, operator: &str, which: SyncFolder, dir: &Path) -> Result<()> {
    let value = dir.to_string_lossy().into_owned();
    store.write(operator, |w| {
        w.tx().execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
            [which.key(), value.as_str()],
        )?;
        Ok(())
    })
}

/// The inbox run's three folders, when all three are remembered.
pub fn inbox_folders(store: &Store) -> Result<Option<crate::inbox::Folders>> {
    let (inbox, archive, outbox) = (
        remembered(store, SyncFolder::Inbox)?,
        remembered(store, SyncFolder::Archive)?,
        remembered(store, SyncFolder::Outbox)?,
    );
    Ok(match (inbox, archive, outbox) {
        (Some(inbox), Some(archive), Some(outbox)) => Some(crate::inbox::Folders { inbox, archive, outbox }),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_remembered_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        assert_eq!(remembered(&store, SyncFolder::Export).unwrap(), None);
        remember(&mut store, "王芳", SyncFolder::Export, Path::new("/媒体/U盘")).unwrap();
        remember(&mut store, "王芳", SyncFolder::Export, Path::new("/媒体/U盘2")).unwrap();
        assert_eq!(remembered(&store, SyncFolder::Export).unwrap(), Some(PathBuf::from("/媒体/U盘2")));
        assert!(inbox_folders(&store).unwrap().is_none(), "the inbox needs all three folders");
        for (which, name) in [(SyncFolder::Inbox, "in"), (SyncFolder::Archive, "done"), (SyncFolder::Outbox, "out")] {
            remember(&mut store, "王芳", which, Path::new(name)).unwrap();
        }
        assert_eq!(inbox_folders(&store).unwrap().unwrap().archive, PathBuf::from("done"));
    }
}
