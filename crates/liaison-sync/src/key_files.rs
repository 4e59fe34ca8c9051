//! [`NodeKeys`] on disk: written once on first run into the app-data folder, read on every start.
//!
//! Two files in one directory: `sync-node.key`, the private keys as text (mode 0600 on Unix, created with
//! `create_new` so it is never overwritten: a node whose keys were replaced by mistake could no longer read what
//! is sent to it, nor be recognised by the nodes that pinned it), and `sync-node.pub.json`, the public keys to
//! hand to the office. Reading refuses a private key file that group or others may read (as ssh does).
//!
//! The private file is deliberately plain, line-based text (no serde derive on secrets):
//!
//! ```text
//! liaison-desk sync node key v1
//! node=<node id>
//! signing=<Ed25519 seed, 64 hex digits>
//! encryption=AGE-SECRET-KEY-1…
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::header::check_name;
use crate::keys::{NodeKeys, NodePublicKeys};

/// The private key file's name.
pub const PRIVATE_KEY_FILE: &str = "sync-node.key";
/// The public key file's name.
pub const PUBLIC_KEY_FILE: &str = "sync-node.pub.json";

const FIRST_LINE: &str = "liaison-desk sync node key v1";

impl NodeKeys {
    /// Writes `sync-node.key` (mode 0600 on Unix) and `sync-node.pub.json` into `dir` (created if missing),
    /// refusing to overwrite either. Returns the private file's path.
    pub fn save(&self, dir: &Path) -> Result<PathBuf> {
        let private = dir.join(PRIVATE_KEY_FILE);
        let public = dir.join(PUBLIC_KEY_FILE);
        for path in [&private, &public] {
            if path.exists() {
                return Err(Error::AlreadyExists(path.clone()));
            }
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let (seed, age_secret) = self.secret_texts();
        let text = Zeroizing::new(format!(
            "{FIRST_LINE}\nnode={}\nsigning={}\nencryption={}\n",
            self.node_id(),
            seed.as_str(),
            age_secret.as_str()
        ));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&private).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::AlreadyExists(private.clone()),
            _ => Error::io(&private, e),
        })?;
        file.write_all(text.as_bytes()).and_then(|()| file.sync_all()).map_err(|e| Error::io(&private, e))?;
        write_new(&public, self.public().to_json().as_bytes())?;
        Ok(private)
    }

    /// Reads the keys saved by [`NodeKeys::save`] in `dir`.
    pub fn load(dir: &Path) -> Result<Self> {
        let path = dir.join(PRIVATE_KEY_FILE);
        check_private_mode(&path)?;
        let text = Zeroizing::new(std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?);
        parse_private(&text).map_err(|reason| Error::BadKeyFile { path, reason })
    }
}

impl NodePublicKeys {
    /// Reads a public key file (`sync-node.pub.json`, or the copy a node was given when it enrolled another).
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::from_json(&text)
    }
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file =
        std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| Error::io(path, e))?;
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| Error::io(path, e))
}

#[cfg(unix)]
fn check_private_mode(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).map_err(|e| Error::io(path, e))?.permissions().mode();
    if mode & 0o077 != 0 {
        return Err(Error::InsecureKeyFile(path.to_path_buf()));
    }
    Ok(())
}

// Windows: the app-data folder under the user's profile is already private to the user by its inherited ACL.
#[cfg(not(unix))]
fn check_private_mode(_path: &Path) -> Result<()> {
    Ok(())
}

fn parse_private(text: &str) -> std::result::Result<NodeKeys, &'static str> {
    let mut lines = text.lines();
    if lines.next() != Some(FIRST_LINE) {
        return Err("第一行不是 liaison-desk sync node key v1");
    }
    let mut field = |name: &str| lines.next().and_then(|line| line.strip_prefix(name)?.strip_prefix('='));
    let node = field("node").ok_or("缺少 node=")?;
    let seed_hex = field("signing").ok_or("缺少 signing=")?;
    let age_secret = field("encryption").ok_or("缺少 encryption=")?;
    if lines.next().is_some() {
        return Err("末尾有多余内容");
    }
    check_name("节点编号", node).map_err(|_| "节点编号无效")?;
    let mut seed = Zeroizing::new([0u8; 32]);
    hex::decode_to_slice(seed_hex, seed.as_mut()).map_err(|_| "签名私钥应为 64 位十六进制")?;
    let identity = age::x25519::Identity::from_str(age_secret).map_err(|_| "加密私钥无效")?;
    Ok(NodeKeys::from_parts(node.to_owned(), &seed, identity))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_keys_load_back_and_are_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let keys = NodeKeys::generate("node-a").unwrap();
        let path = keys.save(dir.path()).unwrap();
        let loaded = NodeKeys::load(dir.path()).unwrap();
        assert_eq!(loaded.public(), keys.public());
        assert_eq!(NodePublicKeys::load(&dir.path().join(PUBLIC_KEY_FILE)).unwrap(), keys.public());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let other = NodeKeys::generate("node-a").unwrap();
        assert!(matches!(other.save(dir.path()), Err(Error::AlreadyExists(_))));
        assert_eq!(NodeKeys::load(dir.path()).unwrap().public(), keys.public());
    }

    #[cfg(unix)]
    #[test]
    fn a_private_file_others_can_read_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = NodeKeys::generate("node-a").unwrap().save(dir.path()).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(matches!(NodeKeys::load(dir.path()), Err(Error::InsecureKeyFile(_))));
    }

    #[test]
    fn a_malformed_private_file_is_refused() {
        let keys = NodeKeys::generate("node-a").unwrap();
        let (seed, age_secret) = keys.secret_texts();
        let good = format!("{FIRST_LINE}\nnode=node-a\nsigning={}\nencryption={}\n", *seed, *age_secret);
        assert_eq!(parse_private(&good).unwrap().public(), keys.public());
        assert!(parse_private(&good.replace("signing=", "signing=00")).is_err());
        assert!(parse_private(&good.replace(FIRST_LINE, "something else")).is_err());
        assert!(parse_private(&format!("{good}extra\n")).is_err());
        assert!(parse_private(&good.replace("node=node-a", "node=")).is_err());
    }
}
